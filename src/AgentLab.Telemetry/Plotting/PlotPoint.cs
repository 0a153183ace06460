namespace AgentLab.Telemetry.Plotting;

/// <summary>One point of a line series, in data units. Non-finite coordinates leave a gap in the line.</summary>
public readonly record struct PlotPoint(double X, double Y);
