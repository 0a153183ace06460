namespace AgentLab.Games.Referential;

/// <summary>An agent kept failing past its restart limit and was stopped; the run cannot continue.</summary>
public sealed class AgentFailedException(string agent, Exception cause)
    : Exception($"agent \"{agent}\" was stopped after repeated failures: {cause.GetType().Name}: {cause.Message}", cause)
{
    public string Agent { get; } = agent;
}
