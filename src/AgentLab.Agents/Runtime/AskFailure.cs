namespace AgentLab.Agents.Runtime;

/// <summary>
/// Stands in an ask's reply slot when the asked actor threw while handling the question. A value rather than
/// a faulted task, so an ask abandoned by its caller can never raise an unobserved task exception.
/// </summary>
internal sealed record AskFailure(ActorFailedException Exception);
