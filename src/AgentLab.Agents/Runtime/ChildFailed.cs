namespace AgentLab.Agents.Runtime;

/// <summary>
/// Fact delivered to a parent: its child failed and was stopped — because the supervisor strategy said
/// <see cref="Directive.Stop"/>, or because the child exceeded its restart budget. The child has already
/// terminated, so its name is free again.
/// </summary>
public sealed record ChildFailed(ActorRef Child, Exception Cause)
{
    /// <summary>An exception naming the child and its failure, for a coordinator that fails the run with it.</summary>
    public ActorFailedException ToException() => new(Child.Path, Cause);
}
