namespace AgentLab.Games.Referential;

/// <summary>Where a run writes, whether it resumes, and how it reports progress.</summary>
public sealed record RunOptions(string OutputDirectory, bool Resume = false, Action<RunProgress>? Progress = null, int KeepCheckpoints = 3,
    AgentLab.Telemetry.Metrics.AgentLabMetrics? Metrics = null);

/// <summary>A progress report after each logging interval.</summary>
public sealed record RunProgress(long Step, long TotalSteps, double Success, double ReceiverCalls, double GamesPerSecond, double? ValidationSuccess);
