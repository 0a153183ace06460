namespace AgentLab.Telemetry.Plotting;

/// <summary>
/// A named point with symmetric error bars (half-widths in data units; zero or NaN draws no bar).
/// </summary>
public sealed record ErrorBarPoint(string Name, double X, double Y, double XError, double YError, string Color);
