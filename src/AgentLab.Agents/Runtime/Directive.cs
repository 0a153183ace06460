namespace AgentLab.Agents.Runtime;

/// <summary>What a supervisor decides when one of its children throws.</summary>
public enum Directive
{
    /// <summary>Keep the child's instance and state; the message that failed is dropped.</summary>
    Resume,

    /// <summary>
    /// Replace the child's instance with a fresh one from its factory (its own children are stopped first);
    /// the message that failed is dropped. Bounded by the strategy's restart budget.
    /// </summary>
    Restart,

    /// <summary>Stop the child; its parent then receives <see cref="ChildFailed"/>.</summary>
    Stop,

    /// <summary>
    /// The supervisor cannot decide: it fails itself with the child's exception wrapped in an
    /// <see cref="ActorFailedException"/> naming the child, and its own supervisor decides.
    /// The child waits, suspended, for that outcome.
    /// </summary>
    Escalate,
}
