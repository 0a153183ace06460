using System.Collections.Concurrent;

namespace AgentLab.Agents.Runtime;

/// <summary>
/// The runtime side of one actor: its mailbox, system queue, current instance, children and lifecycle.
/// Survives restarts (only the <see cref="Actor"/> instance is replaced). Split by concept over partial files:
/// turns, supervision, stopping and death watch.
/// </summary>
/// <remarks>
/// Threading rule: fields marked "turn-only" are touched only inside the actor's own turn, and turns never overlap
/// (the mailbox runs one at a time), so they need no locks. Everything else is safe to call from any thread.
/// </remarks>
internal sealed partial class ActorCell
{
    // The Actor base constructor picks its context up from here, which is how an actor can use Context
    // in its constructor and how creating an actor outside a factory is detected.
    [ThreadStatic] private static ActorContext? t_contextUnderConstruction;

    private readonly Func<Actor> _factory;
    private readonly ConcurrentQueue<SystemMessage> _systemMessages = new();
    private readonly ConcurrentDictionary<string, ActorCell> _children = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _termination = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorContext _context;

    private Actor _actor;                       // turn-only
    private ActorRef? _currentSender;           // turn-only
    private volatile SupervisorStrategy _strategyForChildren; // written on this turn, read on children's turns
    private volatile int _state;                // ActorState

    private ActorCell(ActorSystem system, ActorCell? parent, string name, Func<Actor> factory, ActorOptions options)
    {
        System = system;
        Parent = parent;
        Name = name;
        Path = parent is null ? "/" + name : parent.Path + "/" + name;
        _factory = factory;
        Self = new LocalActorRef(this);
        _context = new ActorContext(this);
        // Queued before anyone can hold Self (the constructor may hand it out), so that PreStart precedes every message.
        _systemMessages.Enqueue(StartActor.Instance);
        Mailbox = new Mailbox(this, options.MailboxCapacity);
        (_actor, _strategyForChildren) = CreateInstance();
    }

    public ActorSystem System { get; }
    public ActorCell? Parent { get; }
    public string Name { get; }
    public string Path { get; }
    public LocalActorRef Self { get; }
    public Mailbox Mailbox { get; }

    /// <summary>Completes once the actor has fully stopped.</summary>
    public Task Termination => _termination.Task;

    public ActorRef? CurrentSender => _currentSender;

    private ActorState State
    {
        get => (ActorState)_state;
        set => _state = (int)value;
    }

    /// <summary>The strategy this actor's current instance applies to its children.</summary>
    private SupervisorStrategy StrategyForChildren => _strategyForChildren;

    public static ActorCell CreateGuardian(ActorSystem system, Func<Actor> factory)
    {
        var guardian = new ActorCell(system, parent: null, "user", factory, ActorOptions.Default);
        guardian.WakeUpForSystemMessages();
        return guardian;
    }

    internal static ActorContext? TakeContextUnderConstruction()
    {
        var context = t_contextUnderConstruction;
        // One context, one actor: a factory that builds a second actor on the side gets a clear error for it.
        t_contextUnderConstruction = null;
        return context;
    }

    public ActorRef SpawnChild(string name, Func<Actor> factory, ActorOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (name.Contains('/'))
            throw new ArgumentException($"Actor name '{name}' must not contain '/'.", nameof(name));
        if (State >= ActorState.Stopping)
            throw new InvalidOperationException($"'{Path}' is stopping; it cannot spawn '{name}'.");
        if (_children.ContainsKey(name))
            throw new ArgumentException($"'{Path}' already has a child named '{name}'.", nameof(name));

        var child = new ActorCell(System, this, name, factory, options ?? ActorOptions.Default);
        if (!_children.TryAdd(name, child))
        {
            // Lost a race for the name with a concurrent ActorSystem.Spawn: retire this one properly.
            child.RequestStop();
            throw new ArgumentException($"'{Path}' already has a child named '{name}'.", nameof(name));
        }
        child.WakeUpForSystemMessages();
        // Only ActorSystem.Spawn can race with a stop (it runs outside the guardian's turn); don't leave an orphan.
        if (State >= ActorState.Stopping) child.RequestStop();
        return child.Self;
    }

    public IReadOnlyList<ActorRef> ChildRefs() => _children.Values.Select(c => (ActorRef)c.Self).ToArray();

    public ActorCell? FindChild(string name) => _children.GetValueOrDefault(name);

    /// <summary>Runs the factory with this cell's context on offer; also reads the instance's supervisor strategy.</summary>
    private (Actor Instance, SupervisorStrategy StrategyForChildren) CreateInstance()
    {
        var outer = t_contextUnderConstruction;
        t_contextUnderConstruction = _context;
        try
        {
            var instance = _factory()
                ?? throw new InvalidOperationException($"The factory of '{Path}' returned null.");
            if (!ReferenceEquals(instance.Context, _context))
                throw new InvalidOperationException($"The factory of '{Path}' returned an actor that it did not create.");
            return (instance, instance.SupervisorStrategy
                ?? throw new InvalidOperationException($"{instance.GetType().Name}.SupervisorStrategy returned null."));
        }
        finally
        {
            t_contextUnderConstruction = outer;
        }
    }

    /// <summary>Queues a system message and makes sure the actor takes a turn to handle it.</summary>
    private void SendSystem(SystemMessage message)
    {
        _systemMessages.Enqueue(message);
        if (State == ActorState.Terminated)
            HandleSystemMessagesAfterTermination();
        else
            WakeUpForSystemMessages();
    }

    private void WakeUpForSystemMessages() => Mailbox.Enqueue(new Envelope(WakeUp.Instance, null));

    /// <summary>The mailbox refused an envelope because the actor stopped.</summary>
    internal void OnUndeliverable(Envelope envelope)
    {
        if (envelope.Message is WakeUp)
            HandleSystemMessagesAfterTermination();
        else
            System.PublishDeadLetter(envelope.Message, envelope.Sender, Path);
    }
}
