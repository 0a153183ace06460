using AgentLab.Telemetry.Plotting;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Telemetry.Reports;

/// <summary>
/// A plot of one metrics.jsonl figure against the step, one line per method averaged over seeds, with a
/// dashed validation line where the runs logged one.
/// </summary>
public sealed record TrainingCurve(string Title, string YLabel, Func<MetricsPoint, double?> Value, string Caption)
{
    /// <summary>The validation counterpart of <see cref="Value"/>, drawn dashed; <c>null</c> when there is none.</summary>
    public Func<MetricsPoint, double?>? Validation { get; init; }

    /// <summary>A fixed y range (e.g. [0, 1] for a rate); <c>null</c> fits the data.</summary>
    public AxisRange? YRange { get; init; }

    public ScaleKind YScale { get; init; } = ScaleKind.Linear;
}
