namespace AgentLab.Telemetry.Plotting;

/// <summary>
/// A named line through points in the order given. Points that cannot be shown (NaN, infinite, or
/// not positive on a log axis) break the line rather than bridge the gap, so missing data stays visible.
/// </summary>
public sealed record LineSeries(string Name, IReadOnlyList<PlotPoint> Points, string Color, bool Dashed = false);
