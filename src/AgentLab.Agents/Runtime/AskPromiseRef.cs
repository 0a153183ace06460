namespace AgentLab.Agents.Runtime;

/// <summary>
/// The one-off reply address of an ask: the first message told to it is the reply; anything after that
/// (or after the asker gave up) is a dead letter.
/// </summary>
internal sealed class AskPromiseRef(ActorSystem system) : ActorRef
{
    // Continuations run asynchronously so the asker never resumes inside the replying actor's turn.
    private readonly TaskCompletionSource<object> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _id = system.NextAskId();
    private string? _path;

    public override string Path => _path ??= $"/temp/ask-{_id}";

    internal override ActorSystem System => system;

    internal Task<object> Reply => _reply.Task;

    internal override void Post(Envelope envelope)
    {
        if (!_reply.TrySetResult(envelope.Message))
            system.PublishDeadLetter(envelope.Message, envelope.Sender, Path);
    }

    internal override Task<bool> PostAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        Post(envelope);
        return Task.FromResult(true);
    }

    /// <summary>The asked actor threw while handling the question: the asker learns now rather than at the timeout.</summary>
    internal void Fail(ActorFailedException failure) => _reply.TrySetResult(new AskFailure(failure));

    /// <summary>The asker stopped waiting. Cancelled, not faulted: nobody will observe it.</summary>
    internal void Abandon() => _reply.TrySetCanceled();
}
