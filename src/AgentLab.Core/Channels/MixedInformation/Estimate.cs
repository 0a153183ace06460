namespace AgentLab.Channels.MixedInformation;

/// <summary>A Monte Carlo mean and its standard error.</summary>
public readonly record struct Estimate(double Mean, double StandardError);
