using AgentLab.Agents.Runtime;
using AgentLab.Memory;
using AgentLab.Numerics;

namespace AgentLab.Agents.Memory;

/// <summary>
/// A Hopfield memory as an actor any agent can consult: <see cref="Store"/>, <see cref="Recall"/> and
/// <see cref="Forget"/> messages, one at a time, so the memory needs no locks. With a checkpoint path every change
/// is written there (atomically) before it is acknowledged, and the actor starts from that file: a restart by its
/// supervisor, or a new process, recalls exactly what was stored. A message that fails (a pattern of the wrong
/// dimension, a non-finite value, a bad index) changes nothing that was acknowledged: the failure goes to the
/// supervisor, which restarts the actor from the last written state. Without a path the memory is volatile and a
/// restart begins empty.
/// </summary>
public sealed class HopfieldMemoryActor : Actor
{
    private readonly int _dimension;
    private readonly string? _checkpointPath;
    private readonly RecallOptions? _defaultOptions;
    private HopfieldMemory _memory;

    /// <param name="dimension">D, the length of every pattern.</param>
    /// <param name="checkpointPath">Where the patterns persist; null for a volatile memory.</param>
    /// <param name="defaultOptions">Used for a <see cref="Recall"/> that brings no options.</param>
    public HopfieldMemoryActor(int dimension, string? checkpointPath = null, RecallOptions? defaultOptions = null)
    {
        _dimension = dimension;
        _checkpointPath = checkpointPath;
        _defaultOptions = defaultOptions;
        _memory = new HopfieldMemory(dimension);
    }

    protected internal override void PreStart()
    {
        if (_checkpointPath != null && File.Exists(_checkpointPath)) _memory = HopfieldMemoryCheckpoint.Load(_checkpointPath, _dimension);
    }

    protected internal override Task ReceiveAsync(object message)
    {
        switch (message)
        {
            case Store store:
                Context.Reply(StorePatterns(store.Patterns));
                break;
            case Recall recall:
                var options = recall.Options ?? _defaultOptions
                    ?? throw new ArgumentException("memory: the recall brings no options and the memory has no default options", nameof(message));
                Context.Reply(new Recalled(_memory.Recall(recall.Queries, options)));
                break;
            case Forget forget:
                _memory.Remove(forget.Index);
                Persist();
                Context.Reply(new Forgotten(forget.Index, _memory.Count));
                break;
            default:
                throw new InvalidOperationException($"memory: unexpected message {message.GetType().Name}");
        }
        return Task.CompletedTask;
    }

    private Stored StorePatterns(Tensor patterns)
    {
        if (patterns.LastDim != _dimension || patterns.Rank is < 1 or > 2)
            throw new ShapeException($"memory: patterns {ShapeOf.Format(patterns.Shape)} do not fit a memory of dimension {_dimension} (expected [K, {_dimension}] or [{_dimension}])");
        // Checked before the first pattern is stored, so a bad batch stores nothing.
        int bad = Array.FindIndex(patterns.Data, value => !float.IsFinite(value));
        if (bad >= 0)
            throw new ArgumentException($"memory: pattern {bad / _dimension} has value {patterns.Data[bad]} at {bad % _dimension}; patterns must be finite", nameof(patterns));
        var indices = new int[patterns.RowCount];
        for (int i = 0; i < indices.Length; i++) indices[i] = _memory.Store(patterns.Row(i));
        Persist();
        return new Stored(indices, _memory.Count);
    }

    private void Persist()
    {
        if (_checkpointPath != null) HopfieldMemoryCheckpoint.Save(_checkpointPath, _memory);
    }
}
