using System.CommandLine;

namespace AgentLab.Cli;

/// <summary>
/// `agentlab sweep SCENARIO --methods a[,b] --grid key.path=v1,v2 [--grid ...] --seeds N [--steps N]`: every
/// method at every point of the grid on every seed, all on the same test games, then one table and report
/// with a row per method and point (as `compare` writes them; <see cref="ComparisonRuns"/>). Runs live in
/// OUT/METHOD/key=value,.../seed-S; finished ones are reused and --jobs and --report-only work as for compare.
/// </summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var options = new ComparisonOptions("sweep");
        var grid = new Option<string[]>("--grid")
        {
            Description = "A scenario key and its comma-separated values, e.g. --grid training.entropy_coefficient=0.1,0.01,0 (repeatable: every combination is run).",
            Required = true,
        };
        var command = new Command("sweep", "Sweep scenario keys over a grid for each method, over seeds on the same games: comparison.md/.csv/.json and report.html.");
        options.AddTo(command);
        command.Options.Add(grid);
        command.SetAction(parse => CliErrors.Guard("sweep", () =>
        {
            var settings = options.Read(parse);
            var axes = SweepGrid.Parse(parse.GetValue(grid) ?? [], settings.Overrides);
            var rows = SweepGrid.Rows(settings.Methods, axes);
            // Every point's scenario is validated before the first run starts.
            var planned = ComparisonRuns.Plan(settings.File, settings.Overrides, rows, settings.Seeds, "sweep", out string defaultDir, out var layout);
            return ComparisonRuns.Execute("sweep", settings.File, settings.Overrides, planned, settings.Jobs, settings.ReportOnly,
                settings.Output ?? defaultDir, layout);
        }));
        return command;
    }
}
