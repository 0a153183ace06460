namespace AgentLab.Telemetry.Plotting;

/// <summary>A closed interval of data values an axis must show.</summary>
public readonly record struct AxisRange(double Min, double Max);
