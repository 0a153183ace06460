namespace AgentLab.Agents.Runtime;

/// <summary>A message on its way through a mailbox, with whom to reply to. A struct: no allocation per message.</summary>
internal readonly record struct Envelope(object Message, ActorRef? Sender);
