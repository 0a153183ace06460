using AgentLab.Games.Data;
using AgentLab.Games.Referential;
using AgentLab.Games.Scenarios;
using AgentLab.Numerics;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Cli;

/// <summary>Turns the errors a user can cause into one line and an exit code, never a stack trace.</summary>
internal static class CliErrors
{
    public static int Guard(string verb, Func<int> body)
    {
        try { return body(); }
        catch (Exception e) when (e is ScenarioException or DatasetException or CheckpointException or RunStoreException
                                      or ArgumentException or BlasNotFoundException or FileNotFoundException or DirectoryNotFoundException)
        {
            Console.Error.WriteLine($"agentlab {verb}: {e.Message}");
            return 2;
        }
        catch (AgentFailedException e)
        {
            Console.Error.WriteLine($"agentlab {verb}: {e.Message}; the last good checkpoint is kept");
            return 1;
        }
        catch (RunsFailedException e)
        {
            Console.Error.WriteLine($"agentlab {verb}: {e.Message}");
            return 1;
        }
        catch (NonFiniteException e)
        {
            Console.Error.WriteLine($"agentlab {verb}: training diverged: {e.Message}; the last good checkpoint is kept (resume with --resume after changing the settings)");
            return 1;
        }
    }
}
