namespace AgentLab.Agents.Runtime;

/// <summary>
/// Fact published on <see cref="ActorSystem.EventStream"/> (and logged) when a message could not be delivered:
/// its recipient had stopped, or a reply had nobody to go to. Nothing is dropped silently.
/// </summary>
public sealed record DeadLetter(object Message, ActorRef? Sender, string RecipientPath);
