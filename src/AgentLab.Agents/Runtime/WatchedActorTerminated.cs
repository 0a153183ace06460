namespace AgentLab.Agents.Runtime;

/// <summary>Fact to a watcher: <paramref name="Actor"/> terminated. Becomes a <see cref="Terminated"/> if still watched.</summary>
internal sealed record WatchedActorTerminated(ActorCell Actor, Exception? Cause) : SystemMessage;
