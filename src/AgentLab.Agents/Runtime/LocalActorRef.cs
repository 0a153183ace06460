namespace AgentLab.Agents.Runtime;

/// <summary>The handle of a real actor: posts into its mailbox. One per actor, so reference equality is identity.</summary>
internal sealed class LocalActorRef(ActorCell cell) : ActorRef
{
    internal ActorCell Cell { get; } = cell;

    public override string Path => Cell.Path;

    internal override ActorSystem System => Cell.System;

    internal override void Post(Envelope envelope) => Cell.Mailbox.Enqueue(envelope);

    internal override Task<bool> PostAsync(Envelope envelope, CancellationToken cancellationToken) =>
        Cell.Mailbox.EnqueueAsync(envelope, cancellationToken);
}
