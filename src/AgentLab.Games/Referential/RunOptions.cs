namespace AgentLab.Games.Referential;

/// <summary>Where a run writes, whether it resumes, and how it reports progress.</summary>
/// <param name="WrapSender">Lets a caller wrap the sender agent its actor runs (fault injection, tracing).</param>
/// <param name="WrapReceiver">The same for the receiver.</param>
public sealed record RunOptions(string OutputDirectory, bool Resume = false, Action<RunProgress>? Progress = null, int KeepCheckpoints = 3,
    AgentLab.Telemetry.Metrics.AgentLabMetrics? Metrics = null,
    Func<AgentLab.Agents.Referential.ISenderAgent, AgentLab.Agents.Referential.ISenderAgent>? WrapSender = null,
    Func<AgentLab.Agents.Referential.IReceiverAgent, AgentLab.Agents.Referential.IReceiverAgent>? WrapReceiver = null);

/// <summary>A progress report after each logging interval.</summary>
public sealed record RunProgress(long Step, long TotalSteps, double Success, double ReceiverCalls, double GamesPerSecond, double? ValidationSuccess);
