using System.CommandLine;

namespace AgentLab.Cli;

/// <summary>
/// `agentlab compare SCENARIO --methods a,b --seeds N [--steps N] [--out DIR]`: every method on every seed
/// (seeds scenario.seed, +1, ...), all scored on the same fixed test games, then the comparison table,
/// CSV, JSON and HTML report, one row per method (<see cref="ComparisonRuns"/>). A run that already has its
/// summary is reused, so an interrupted comparison continues where it stopped. With --jobs N the runs still
/// to train are trained N at a time, each in its own `agentlab run` process (<see cref="RunProcesses"/>).
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var options = new ComparisonOptions("compare");
        var command = new Command("compare", "Compare methods over seeds on the same games: comparison.md/.csv/.json and report.html.");
        options.AddTo(command);
        command.SetAction(parse => CliErrors.Guard("compare", () =>
        {
            var settings = options.Read(parse);
            var rows = settings.Methods.Select(m => new ComparisonRow(m, m, m, [])).ToList();
            // Every method's scenario is validated before the first run starts.
            var planned = ComparisonRuns.Plan(settings.File, settings.Overrides, rows, settings.Seeds, "compare", out string defaultDir, out var layout);
            return ComparisonRuns.Execute("compare", settings.File, settings.Overrides, planned, settings.Jobs, settings.ReportOnly,
                settings.Output ?? defaultDir, layout);
        }));
        return command;
    }
}
