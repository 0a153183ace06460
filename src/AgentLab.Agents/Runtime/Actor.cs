namespace AgentLab.Agents.Runtime;

/// <summary>
/// Base class of every actor. The runtime gives it one message at a time, so its fields need no locks.
/// Create actors only inside the factory passed to <see cref="ActorSystem.Spawn"/> or <see cref="ActorContext.Spawn"/>;
/// the factory is called again on every restart, which is how a restart gets fresh state.
/// </summary>
/// <remarks>
/// Hook order: constructor, PreStart, ReceiveAsync..., (children stop), PostStop. On restart: the failed instance's
/// children stop, PreRestart runs on it, then the constructor of the new instance and PostRestart on that. By default
/// PreRestart calls PostStop and PostRestart calls PreStart, so state restored in PreStart (e.g. from the last
/// checkpoint) is restored after a restart too.
/// </remarks>
public abstract class Actor
{
    protected Actor()
    {
        Context = ActorCell.TakeContextUnderConstruction()
            ?? throw new InvalidOperationException(
                $"{GetType().Name} was created outside an actor factory. Pass a factory such as () => new {GetType().Name}(...) to Spawn instead.");
    }

    /// <summary>Self, Sender, Parent, children and the actor's view of the runtime. Use only during your own turn.</summary>
    protected internal ActorContext Context { get; }

    protected ActorRef Self => Context.Self;

    /// <summary>Who sent the message being handled; null when told without a sender.</summary>
    protected ActorRef? Sender => Context.Sender;

    /// <summary>Handles one message. The next message waits until the returned task completes.</summary>
    protected internal abstract Task ReceiveAsync(object message);

    /// <summary>Runs on the actor's first turn, before any message.</summary>
    protected internal virtual void PreStart() { }

    /// <summary>Runs once the actor's children have stopped; no message follows.</summary>
    protected internal virtual void PostStop() { }

    /// <summary>Runs on the failed instance, after its children stopped, before it is replaced. Default: <see cref="PostStop"/>.</summary>
    protected internal virtual void PreRestart(Exception cause) => PostStop();

    /// <summary>Runs on the fresh instance after a restart, before any message. Default: <see cref="PreStart"/>.</summary>
    protected internal virtual void PostRestart(Exception cause) => PreStart();

    /// <summary>How this actor supervises its children; read once per instance, right after construction.</summary>
    protected internal virtual SupervisorStrategy SupervisorStrategy => SupervisorStrategy.Default;
}
