namespace AgentLab.Telemetry.Reports;

/// <summary>One seed's value of a figure.</summary>
public readonly record struct SeedValue(long Seed, double Value);
