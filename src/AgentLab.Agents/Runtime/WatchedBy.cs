namespace AgentLab.Agents.Runtime;

/// <summary>Command to the watched actor: tell <paramref name="Watcher"/> when you terminate.</summary>
internal sealed record WatchedBy(ActorCell Watcher) : SystemMessage;
