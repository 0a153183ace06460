namespace AgentLab.Agents.Runtime;

/// <summary>
/// Hands a runtime-made message (such as <see cref="ChildFailed"/>) to the actor's ReceiveAsync through the
/// system queue, so it cannot be held up or rejected by a full mailbox.
/// </summary>
internal sealed record DeliverToActor(object Message, ActorRef Sender) : SystemMessage;
