using AgentLab.Games.Referential;
using AgentLab.Games.Scenarios;
using AgentLab.Telemetry.Runs;
using Spectre.Console;

namespace AgentLab.Cli;

/// <summary>A live progress bar on an interactive terminal; plain periodic lines on stderr otherwise (CI, pipes).</summary>
internal static class ProgressDisplay
{
    public static RunSummary Show(ReferentialScenario sc, Func<Action<RunProgress>, RunSummary> run)
    {
        if (Console.IsErrorRedirected || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return run(p => Console.Error.WriteLine(Line(p)));
        RunSummary? summary = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{sc.Method} seed {sc.Seed}", maxValue: sc.Steps);
                summary = run(p =>
                {
                    task.Value = p.Step;
                    task.Description = Markup.Escape($"{sc.Method} seed {sc.Seed}: success {p.Success:F3} calls {p.ReceiverCalls:F1} {p.GamesPerSecond:F0} games/s");
                });
            });
        return summary!;
    }

    private static string Line(RunProgress p) =>
        $"step {p.Step}/{p.TotalSteps}  success {p.Success:F4}  receiver calls {p.ReceiverCalls:F2}  {p.GamesPerSecond:F0} games/s" +
        (p.ValidationSuccess is double v ? $"  validation {v:F4}" : "");
}
