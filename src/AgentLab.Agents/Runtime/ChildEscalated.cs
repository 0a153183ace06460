namespace AgentLab.Agents.Runtime;

/// <summary>
/// Fact to a parent: <paramref name="Child"/> failed with <paramref name="Cause"/>, its supervisor strategy said
/// <see cref="Directive.Escalate"/>, and it is suspended until the parent's own failure has been decided.
/// </summary>
internal sealed record ChildEscalated(ActorCell Child, Exception Cause) : SystemMessage;
