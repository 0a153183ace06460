namespace AgentLab.Agents.Runtime;

/// <summary>
/// An opaque handle to an actor (or to a pending ask): the only way to reach it. Safe to share between threads
/// and to put in messages. Messages should be immutable — the receiver may read them on another thread.
/// </summary>
public abstract class ActorRef
{
    private protected ActorRef() { }

    /// <summary>Where the actor sits in the hierarchy, e.g. "/user/coordinator/sender-0".</summary>
    public abstract string Path { get; }

    internal abstract ActorSystem System { get; }

    /// <summary>
    /// Fire-and-forget. Never blocks: if the mailbox is full the message waits, in order, for space.
    /// Messages from one sender arrive in the order they were told. A message to a stopped actor becomes a <see cref="DeadLetter"/>.
    /// Waiting messages are held in memory without limit (and cost a few hundred bytes each), so a producer that can
    /// outrun its consumer should await <see cref="TellAsync"/> instead.
    /// </summary>
    public void Tell(object message, ActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Post(new Envelope(message, sender));
    }

    /// <summary>
    /// Completes when the mailbox has accepted the message — waiting while it is full, which is how a producer
    /// feels back-pressure. True when accepted; false when the actor had stopped and the message became a dead letter.
    /// Cancelling withdraws a message still waiting for space. Never await this for your own mailbox from inside
    /// your own turn: it can only free up after the turn ends.
    /// </summary>
    public Task<bool> TellAsync(object message, ActorRef? sender = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return PostAsync(new Envelope(message, sender), cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="message"/> with a one-off reply address and waits for the first reply
    /// (see <see cref="ActorContext.Reply"/>). The timeout covers waiting for mailbox space as well as the reply.
    /// Faults with <see cref="AskTimeoutException"/> when no reply comes in time, with <see cref="ActorFailedException"/>
    /// when the actor threw while handling this message, and with <see cref="InvalidCastException"/> when the reply is
    /// not a <typeparamref name="TReply"/>; is cancelled by <paramref name="cancellationToken"/>.
    /// An ask to an actor that has stopped times out: its question is a dead letter at once, but the ask does not fail early.
    /// The timeout is running time (<see cref="RunningClock"/>): time the process spends stopped does not count.
    /// </summary>
    public async Task<TReply> Ask<TReply>(object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();

        var promise = new AskPromiseRef(System);
        using var deadline = new RunningTimeDeadline(timeout, RunningClock.Process, cancellationToken);
        object reply;
        try
        {
            await PostAsync(new Envelope(message, promise), deadline.Token).ConfigureAwait(false);
            reply = await promise.Reply.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            // Late replies to an abandoned ask become dead letters rather than vanishing.
            promise.Abandon();
            if (cancellationToken.IsCancellationRequested)
                throw new OperationCanceledException($"Ask to '{Path}' with {message.GetType().Name} was cancelled.", ex, cancellationToken);
            throw new AskTimeoutException(Path, message.GetType(), timeout);
        }

        return reply switch
        {
            TReply typed => typed,
            AskFailure failure => throw failure.Exception,
            _ => throw new InvalidCastException(
                $"Ask to '{Path}' with {message.GetType().Name} expected a {typeof(TReply).Name} reply but got {reply.GetType().Name}."),
        };
    }

    internal abstract void Post(Envelope envelope);

    internal abstract Task<bool> PostAsync(Envelope envelope, CancellationToken cancellationToken);

    public override string ToString() => Path;
}
