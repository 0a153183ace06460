using System.CommandLine;

namespace AgentLab.Cli;

/// <summary>
/// The agentlab command. Every usage error and every bad input ends with one clear line on stderr and exit
/// code 2; a failed run (e.g. a diverged loss) with exit code 1.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("AgentLab: agents that learn to communicate through sparse and Monte Carlo channels.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(new Command("transform", "Apply a sparse transformation to JSON on stdin (see `agentlab transform --help`)."));
        root.Subcommands.Add(new Command("recall", "Hopfield recall of JSON memories and queries on stdin (see `agentlab recall --help`)."));
        if (args.Length > 0 && args[0] == "transform") return TransformCommand.Run(args[1..], Console.In, Console.Out, Console.Error);
        if (args.Length > 0 && args[0] == "recall") return RecallCommand.Run(args[1..], Console.In, Console.Out, Console.Error);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) Console.Error.WriteLine($"agentlab: {error.Message}");
            return 2;
        }
        return parsed.Invoke();
    }
}
