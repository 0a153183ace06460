using System.Threading.Tasks.Dataflow;

namespace AgentLab.Agents.Runtime;

/// <summary>
/// An actor's user-message queue: one <see cref="ActionBlock{TInput}"/> that runs the actor's turns one at a time.
/// MaxDegreeOfParallelism 1 is what lets actor state live without locks, and the block's FIFO queue gives per-sender
/// order. When bounded, a full block postpones offers and drains them first-come-first-served, and it refuses
/// direct posts while any are postponed — so a sender's later message never overtakes its earlier one.
/// </summary>
internal sealed class Mailbox
{
    private static readonly Task<bool> Accepted = Task.FromResult(true);

    private readonly ActorCell _owner;
    private readonly ActionBlock<Envelope> _block;

    public Mailbox(ActorCell owner, int? capacity)
    {
        _owner = owner;
        _block = new ActionBlock<Envelope>(owner.TakeTurnAsync, new ExecutionDataflowBlockOptions
        {
            MaxDegreeOfParallelism = 1,
            BoundedCapacity = capacity ?? DataflowBlockOptions.Unbounded,
        });
    }

    /// <summary>Fire-and-forget: accepted now, or parked in order until there is room.</summary>
    public void Enqueue(Envelope envelope)
    {
        // SendAsync tries a synchronous offer first and returns a cached task when it is accepted: no allocation.
        Task<bool> offer = _block.SendAsync(envelope);
        if (offer.IsCompleted)
        {
            if (!WasAccepted(offer)) _owner.OnUndeliverable(envelope);
            return;
        }
        offer.ContinueWith(static (done, state) =>
        {
            var (mailbox, parked) = ((Mailbox, Envelope))state!;
            if (!WasAccepted(done)) mailbox._owner.OnUndeliverable(parked);
        }, (this, envelope), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes when accepted (true) or refused because the actor stopped (false, and dead-lettered).</summary>
    public Task<bool> EnqueueAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        Task<bool> offer = _block.SendAsync(envelope, cancellationToken);
        if (offer.IsCompletedSuccessfully)
        {
            if (offer.Result) return Accepted;
            _owner.OnUndeliverable(envelope);
            return offer;
        }
        return AwaitOfferAsync(offer, envelope);
    }

    /// <summary>Accept nothing more. Messages already inside still get a turn each, in which the stopped actor dead-letters them.</summary>
    public void Close() => _block.Complete();

    private async Task<bool> AwaitOfferAsync(Task<bool> offer, Envelope envelope)
    {
        bool accepted = await offer.ConfigureAwait(false);
        if (!accepted) _owner.OnUndeliverable(envelope);
        return accepted;
    }

    private static bool WasAccepted(Task<bool> offer) => offer.IsCompletedSuccessfully && offer.Result;
}
