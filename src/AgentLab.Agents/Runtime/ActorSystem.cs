namespace AgentLab.Agents.Runtime;

/// <summary>
/// A named tree of actors under a guardian ("/user"), with a dead-letter sink, an event stream and a log hook.
/// Failures escalated past the top-level actors fault <see cref="Failure"/>; dispose (or shut down) to stop
/// every actor, children before their parents.
/// </summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly Action<string>? _log;
    private readonly ActorCell _guardian;
    private readonly TaskCompletionSource _failure = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastAskId;

    public ActorSystem(string name, ActorSystemOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= new ActorSystemOptions();
        Name = name;
        _log = options.Log;
        TimeProvider = options.TimeProvider;
        EventStream = new EventStream(Log);
        DeadLetters = new DeadLetterRef(this);
        var guardianStrategy = options.GuardianStrategy;
        _guardian = ActorCell.CreateGuardian(this, () => new GuardianActor(guardianStrategy));
    }

    public string Name { get; }

    /// <summary>Runtime facts such as <see cref="DeadLetter"/>; subscribe to observe them.</summary>
    public EventStream EventStream { get; }

    /// <summary>Messages told here are published as <see cref="DeadLetter"/>s.</summary>
    public ActorRef DeadLetters { get; }

    /// <summary>
    /// Faults with an <see cref="ActorFailedException"/> naming the actor when a failure is escalated past a
    /// top-level actor; never completes otherwise. Its exception is pre-observed, so ignoring it is safe.
    /// </summary>
    public Task Failure => _failure.Task;

    /// <summary>Completes when every actor has stopped after <see cref="ShutdownAsync"/>.</summary>
    public Task Terminated => _guardian.Termination;

    internal TimeProvider TimeProvider { get; }

    /// <summary>Creates a top-level actor at "/user/<paramref name="name"/>", supervised by the guardian strategy.</summary>
    public ActorRef Spawn(string name, Func<Actor> factory, ActorOptions? options = null) =>
        _guardian.SpawnChild(name, factory, options);

    /// <summary>Stops any actor of this system after its current message; completes once it (and its children) terminated.</summary>
    public Task StopAsync(ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not LocalActorRef { Cell: var cell } || cell.System != this)
            throw new ArgumentException($"'{actor.Path}' is not an actor of system '{Name}'.", nameof(actor));
        cell.RequestStop();
        return cell.Termination;
    }

    /// <summary>
    /// Stops all actors — each after its current message, children before parents, PostStop in that order — and
    /// completes when all have terminated. Waits for running handlers, so a handler that never returns blocks it.
    /// </summary>
    public Task ShutdownAsync()
    {
        _guardian.RequestStop();
        return _guardian.Termination;
    }

    public async ValueTask DisposeAsync() => await ShutdownAsync().ConfigureAwait(false);

    internal void Log(string line)
    {
        if (_log is null) return;
        try
        {
            _log($"[{Name}] {line}");
        }
        catch
        {
            // A broken log hook must not take an actor's turn down with it.
        }
    }

    internal void PublishDeadLetter(object message, ActorRef? sender, string recipientPath)
    {
        Log($"Dead letter: {message.GetType().Name} from {sender?.Path ?? "no sender"} to {recipientPath}.");
        EventStream.Publish(new DeadLetter(message, sender, recipientPath));
    }

    /// <summary>A failure reached the guardian: nothing above can handle it, so it becomes the system's failure.</summary>
    internal void ReportEscalatedFailure(ActorFailedException failure)
    {
        Log($"Escalated to the guardian: {failure.Message}");
        if (_failure.TrySetException(failure))
            _ = _failure.Task.Exception; // Observe it: an unawaited Failure must not become an unobserved task exception.
    }

    /// <summary>A bug in the runtime itself; surfaced like an escalated failure rather than swallowed.</summary>
    internal void ReportRuntimeFault(string actorPath, Exception fault) =>
        ReportEscalatedFailure(new ActorFailedException(actorPath, new InvalidOperationException("Actor runtime fault.", fault)));

    internal long NextAskId() => Interlocked.Increment(ref _lastAskId);
}
