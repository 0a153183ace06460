namespace AgentLab.Agents.Runtime;

/// <summary>
/// How an actor supervises its children, one child at a time: a decider maps the exception to a
/// <see cref="Directive"/>, and restarts are limited to <see cref="MaxRestarts"/> within <see cref="Within"/>.
/// A child that would exceed the limit is stopped instead, and its parent receives <see cref="ChildFailed"/> —
/// so a crash loop ends in a clear failure rather than spinning forever.
/// </summary>
/// <remarks>
/// The decider runs on the failing child's turn, not the supervisor's, so that a busy supervisor does not
/// delay its child's recovery. It must therefore be a pure function of the exception.
/// </remarks>
public sealed class SupervisorStrategy
{
    private readonly Func<Exception, Directive> _decider;

    public SupervisorStrategy(Func<Exception, Directive> decider, int maxRestarts = 3, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRestarts);
        var window = within ?? TimeSpan.FromMinutes(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero, nameof(within));
        _decider = decider;
        MaxRestarts = maxRestarts;
        Within = window;
    }

    /// <summary>Restarts allowed per child within <see cref="Within"/>; the next failure stops the child.</summary>
    public int MaxRestarts { get; }

    /// <summary>The window the restart budget is counted in; it starts at the first restart.</summary>
    public TimeSpan Within { get; }

    public Directive Decide(Exception cause) => _decider(cause);

    /// <summary>Restart on any exception, at most 3 times a minute: the default for every actor's children.</summary>
    public static SupervisorStrategy Default { get; } = new(_ => Directive.Restart);

    /// <summary>Escalate every failure: the default for top-level actors, so their failures surface in <see cref="ActorSystem.Failure"/>.</summary>
    public static SupervisorStrategy Escalating { get; } = new(_ => Directive.Escalate);

    /// <summary>Stop the failing child and tell its parent.</summary>
    public static SupervisorStrategy Stopping { get; } = new(_ => Directive.Stop);

    /// <summary>Keep the failing child as it is and drop the message.</summary>
    public static SupervisorStrategy Resuming { get; } = new(_ => Directive.Resume);
}
