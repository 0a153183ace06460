namespace AgentLab.Agents.Runtime;

/// <summary>
/// A minimal publish/subscribe channel for runtime facts such as <see cref="DeadLetter"/>.
/// Handlers run synchronously on the publishing thread, so they must be quick and thread-safe;
/// a throwing handler is logged and does not disturb the publisher or other handlers.
/// </summary>
public sealed class EventStream
{
    private readonly object _gate = new();
    private readonly Action<string> _log;
    // Copy-on-write: publishing reads one array without locking, subscribing is rare.
    private Subscription[] _subscriptions = [];

    internal EventStream(Action<string> log) => _log = log;

    /// <summary>Calls <paramref name="handler"/> for every published event of type <typeparamref name="TEvent"/>; dispose to stop.</summary>
    public IDisposable Subscribe<TEvent>(Action<TEvent> handler) where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription<TEvent>(this, handler);
        lock (_gate) _subscriptions = [.. _subscriptions, subscription];
        return subscription;
    }

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            try
            {
                subscription.Deliver(@event);
            }
            catch (Exception ex)
            {
                _log($"An event-stream handler for {@event.GetType().Name} threw {ActorFailedException.Describe(ex)}");
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate) _subscriptions = Array.FindAll(_subscriptions, s => !ReferenceEquals(s, subscription));
    }

    private abstract class Subscription(EventStream stream) : IDisposable
    {
        public abstract void Deliver(object @event);
        public void Dispose() => stream.Remove(this);
    }

    private sealed class Subscription<TEvent>(EventStream stream, Action<TEvent> handler) : Subscription(stream) where TEvent : class
    {
        public override void Deliver(object @event)
        {
            if (@event is TEvent typed) handler(typed);
        }
    }
}
