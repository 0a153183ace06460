using System.Threading.Channels;

namespace AgentLab.Agents.Tests.Runtime.TestKit;

/// <summary>
/// A thread-safe inbox for tests: actors (or event-stream handlers) add what they saw, the test awaits it in order.
/// Waiting is by completion, not by sleeping; the timeout only turns a bug into a failure instead of a hang.
/// </summary>
internal sealed class Probe
{
    private readonly Channel<object> _items = Channel.CreateUnbounded<object>();

    public void Add(object item) => _items.Writer.TryWrite(item);

    /// <summary>The next item, which must be a <typeparamref name="T"/>.</summary>
    public async Task<T> ExpectAsync<T>()
    {
        var item = await _items.Reader.ReadAsync().AsTask().Soon();
        return Assert.IsType<T>(item);
    }

    /// <summary>Everything added so far, without waiting.</summary>
    public IReadOnlyList<object> Drain()
    {
        var items = new List<object>();
        while (_items.Reader.TryRead(out var item)) items.Add(item);
        return items;
    }
}
