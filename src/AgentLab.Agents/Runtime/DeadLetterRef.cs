namespace AgentLab.Agents.Runtime;

/// <summary>Where undeliverable messages go, e.g. a reply when there is nobody to reply to.</summary>
internal sealed class DeadLetterRef(ActorSystem system) : ActorRef
{
    public override string Path => "/deadLetters";

    internal override ActorSystem System => system;

    internal override void Post(Envelope envelope) => system.PublishDeadLetter(envelope.Message, envelope.Sender, Path);

    internal override Task<bool> PostAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        Post(envelope);
        return Task.FromResult(false);
    }
}
