namespace AgentLab.Telemetry.Runs;

/// <summary>Everything one finished run left behind: its final figures and its training curve.</summary>
public sealed record RunResults(RunSummary Summary, IReadOnlyList<MetricsPoint> Metrics);
