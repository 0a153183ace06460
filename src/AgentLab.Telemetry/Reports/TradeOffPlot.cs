using AgentLab.Telemetry.Plotting;

namespace AgentLab.Telemetry.Reports;

/// <summary>
/// One point per method: the mean of table figure <see cref="YFigure"/> against that of
/// <see cref="XFigure"/>, with standard-error bars both ways.
/// </summary>
public sealed record TradeOffPlot(string Title, string XFigure, string XLabel, string YFigure, string YLabel, string Caption)
{
    /// <summary>A fixed y range; <c>null</c> fits the data.</summary>
    public AxisRange? YRange { get; init; }
}
