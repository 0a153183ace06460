using AgentLab.Telemetry.Runs;

namespace AgentLab.Telemetry.Reports;

/// <summary>
/// One column of a comparison table: its name (the JSON and CSV name too) and how to read it from a run's
/// summary; <c>null</c> when the run lacks it.
/// </summary>
public sealed record TableFigure(string Name, Func<RunSummary, double?> Value)
{
    /// <summary>A figure the runs keep in <see cref="RunSummary.Extra"/> under the same name.</summary>
    public static TableFigure Extra(string name) =>
        new(name, summary => summary.Extra is { } extra && extra.TryGetValue(name, out double value) ? value : null);
}
