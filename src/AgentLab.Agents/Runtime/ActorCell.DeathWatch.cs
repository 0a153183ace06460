namespace AgentLab.Agents.Runtime;

/// <summary>Death watch: an actor asks to be told, with <see cref="Terminated"/>, when another one stops.</summary>
internal sealed partial class ActorCell
{
    private HashSet<ActorCell>? _watchers;  // turn-only: who is told when this actor terminates
    private HashSet<ActorCell>? _watching;  // turn-only: whom this actor watches

    public void Watch(ActorRef actor)
    {
        var target = AsCell(actor, "watched");
        if (target == this) return;
        if ((_watching ??= []).Add(target)) target.SendSystem(new WatchedBy(this));
    }

    public void Unwatch(ActorRef actor)
    {
        var target = AsCell(actor, "unwatched");
        if (_watching?.Remove(target) == true) target.SendSystem(new UnwatchedBy(this));
    }

    private void AddWatcher(ActorCell watcher) => (_watchers ??= []).Add(watcher);

    private void RemoveWatcher(ActorCell watcher) => _watchers?.Remove(watcher);

    private Task OnWatchedActorTerminatedAsync(WatchedActorTerminated terminated)
    {
        // Unwatched in the meantime (or a child stopped by a restart): nobody here wants to know any more.
        if (State != ActorState.Running || _watching?.Remove(terminated.Actor) != true) return Task.CompletedTask;
        var fact = new Terminated(terminated.Actor.Self, terminated.Cause);
        return InvokeReceiveAsync(new Envelope(fact, terminated.Actor.Self));
    }

    private void NotifyWatchersAndForgetWatched(Exception? cause)
    {
        if (_watchers is not null)
            foreach (var watcher in _watchers) watcher.SendSystem(new WatchedActorTerminated(this, cause));
        if (_watching is not null)
            foreach (var watched in _watching) watched.SendSystem(new UnwatchedBy(this));
        _watchers = null;
        _watching = null;
    }

    private static ActorCell AsCell(ActorRef actor, string verb)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor is LocalActorRef local
            ? local.Cell
            : throw new ArgumentException($"Only actors can be {verb}; '{actor.Path}' is not one.", nameof(actor));
    }
}
