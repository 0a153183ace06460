namespace AgentLab.Agents.Runtime;

/// <summary>
/// An actor's view of itself and the runtime. Belongs to one actor and survives its restarts; call it only from
/// that actor's own turn (ReceiveAsync and the lifecycle hooks), not from tasks it leaves running.
/// </summary>
public sealed class ActorContext
{
    private readonly ActorCell _cell;

    internal ActorContext(ActorCell cell) => _cell = cell;

    public ActorSystem System => _cell.System;

    public ActorRef Self => _cell.Self;

    /// <summary>Sender of the message being handled; null outside ReceiveAsync or when told without a sender.</summary>
    public ActorRef? Sender => _cell.CurrentSender;

    /// <summary>The supervisor; for top-level actors, the guardian at "/user".</summary>
    public ActorRef Parent => _cell.Parent?.Self ?? System.DeadLetters;

    /// <summary>Children that have not yet terminated.</summary>
    public IReadOnlyList<ActorRef> Children => _cell.ChildRefs();

    public ActorRef? Child(string name) => _cell.FindChild(name)?.Self;

    /// <summary>
    /// Creates a child named <paramref name="name"/> (unique among siblings), supervised by this actor's strategy.
    /// <paramref name="factory"/> must create a new instance each call; it runs now, on the caller's thread, and again
    /// on each restart. A factory exception propagates to the caller here; on a restart it stops the child.
    /// </summary>
    public ActorRef Spawn(string name, Func<Actor> factory, ActorOptions? options = null) =>
        _cell.SpawnChild(name, factory, options);

    /// <summary>Stops a child (or this actor) after the message it is handling; later messages become dead letters.</summary>
    public void Stop(ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not LocalActorRef { Cell: var target } || (target != _cell && target.Parent != _cell))
            throw new InvalidOperationException($"'{Self.Path}' can stop only itself and its children, not '{actor.Path}'.");
        target.RequestStop();
    }

    /// <summary>Stops this actor after the current message.</summary>
    public void Stop() => _cell.RequestStop();

    /// <summary>Delivers <see cref="Terminated"/> to this actor when <paramref name="actor"/> stops (at once if it already has).</summary>
    public void Watch(ActorRef actor) => _cell.Watch(actor);

    /// <summary>No <see cref="Terminated"/> for <paramref name="actor"/> arrives after this call.</summary>
    public void Unwatch(ActorRef actor) => _cell.Unwatch(actor);

    /// <summary>Tells <paramref name="message"/> to the sender of the current message (a dead letter if there is none).</summary>
    public void Reply(object message) => (Sender ?? System.DeadLetters).Tell(message, Self);
}
