namespace AgentLab.Agents.Runtime;

/// <summary>Where an actor is in its life; only moves forward.</summary>
internal enum ActorState
{
    /// <summary>Spawned; PreStart has not run yet.</summary>
    Starting,

    /// <summary>Handling messages.</summary>
    Running,

    /// <summary>Waiting for its children to stop; messages now become dead letters.</summary>
    Stopping,

    /// <summary>Gone: PostStop has run and watchers have been told.</summary>
    Terminated,
}
