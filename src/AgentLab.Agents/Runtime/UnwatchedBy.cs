namespace AgentLab.Agents.Runtime;

/// <summary>Command to the watched actor: <paramref name="Watcher"/> no longer wants to know.</summary>
internal sealed record UnwatchedBy(ActorCell Watcher) : SystemMessage;
