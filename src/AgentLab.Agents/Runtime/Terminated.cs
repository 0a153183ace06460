namespace AgentLab.Agents.Runtime;

/// <summary>
/// Fact delivered to an actor that watched <paramref name="Actor"/> (see <see cref="ActorContext.Watch"/>):
/// it has stopped. <paramref name="Cause"/> is the exception that stopped it, or null for an orderly stop.
/// </summary>
public sealed record Terminated(ActorRef Actor, Exception? Cause);
