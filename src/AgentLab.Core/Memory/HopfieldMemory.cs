using AgentLab.Numerics;

namespace AgentLab.Memory;

/// <summary>
/// A store of N patterns of dimension D (row-major float32) with batched recall. Indices are positions:
/// <see cref="Store"/> appends, <see cref="Remove"/> shifts every later pattern down by one (so the order that
/// sequential k-subsets sees is the stored order). The post-transformed copy of the patterns is cached per
/// post-transformation and rebuilt after a change. Not thread-safe: one owner (e.g. an actor) at a time.
/// </summary>
public sealed class HopfieldMemory
{
    private float[] _patterns;
    private float[]? _postCache;
    private PostTransform _cachedPost;
    private PatternGram<float>? _gram;
    private readonly RecallWorkspace<float> _workspace = new();

    /// <param name="dimension">D, the length of every pattern.</param>
    /// <param name="capacity">Patterns to reserve room for (the store grows as needed).</param>
    public HopfieldMemory(int dimension, int capacity = 16)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "the dimension must be positive");
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Dimension = dimension;
        _patterns = new float[Math.Max(1, capacity) * dimension];
    }

    public int Dimension { get; }

    /// <summary>N, the number of stored patterns.</summary>
    public int Count { get; private set; }

    /// <summary>All stored patterns, row-major [Count x Dimension] (valid until the next change).</summary>
    public ReadOnlySpan<float> Patterns => _patterns.AsSpan(0, Count * Dimension);

    /// <summary>Pattern <paramref name="index"/> as stored (before any post-transformation).</summary>
    public ReadOnlySpan<float> Pattern(int index) => _patterns.AsSpan(CheckIndex(index) * Dimension, Dimension);

    /// <summary>Appends a pattern; returns its index (= the old Count).</summary>
    public int Store(ReadOnlySpan<float> pattern)
    {
        CheckPattern(pattern);
        if ((Count + 1) * Dimension > _patterns.Length) Array.Resize(ref _patterns, Math.Max(2 * _patterns.Length, (Count + 1) * Dimension));
        pattern.CopyTo(_patterns.AsSpan(Count * Dimension, Dimension));
        Count++;
        _postCache = null;
        return Count - 1;
    }

    /// <summary>Overwrites pattern <paramref name="index"/>.</summary>
    public void Replace(int index, ReadOnlySpan<float> pattern)
    {
        CheckIndex(index);
        CheckPattern(pattern);
        pattern.CopyTo(_patterns.AsSpan(index * Dimension, Dimension));
        _postCache = null;
    }

    /// <summary>Removes pattern <paramref name="index"/>; the patterns after it move down by one index.</summary>
    public void Remove(int index)
    {
        CheckIndex(index);
        _patterns.AsSpan((index + 1) * Dimension, (Count - index - 1) * Dimension).CopyTo(_patterns.AsSpan(index * Dimension));
        Count--;
        _postCache = null;
    }

    /// <summary>Removes every pattern.</summary>
    public void Clear()
    {
        Count = 0;
        _postCache = null;
    }

    /// <summary>Recalls a batch of queries, row-major [B x Dimension].</summary>
    /// <exception cref="ArgumentException">The memory is empty, a query is not finite, or an option is invalid.</exception>
    public RecallResult<float> Recall(ReadOnlySpan<float> queries, RecallOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (Count == 0) throw new ArgumentException("the memory is empty: store a pattern before recalling", nameof(queries));
        var patterns = PostPatterns(options.Post);
        // The Gram matrix of the post-transformed patterns, built when it pays for this recall and kept until a change.
        if (_gram is null && PatternGram<float>.Pays(options.Map, Count, queries.Length / Dimension, options.MaxSteps))
            _gram = PatternGram<float>.Compute(patterns, Count, Dimension);
        var gram = options.Map.IsSparse ? _gram : null;
        return HopfieldRecall.RunPrepared(patterns, Count, queries, Dimension, options, _workspace, gram);
    }

    /// <summary>Recalls the rows of a [B, Dimension] tensor.</summary>
    public RecallResult<float> Recall(Tensor queries, RecallOptions options)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (queries.Rank != 2 || queries.Shape[1] != Dimension)
            throw new ShapeException($"recall: queries {ShapeOf.Format(queries.Shape)} do not fit a memory of dimension {Dimension} (expected [B, {Dimension}])");
        return Recall(queries.Data, options);
    }

    /// <summary>The energy (<see cref="HopfieldEnergy"/>) of states [B x Dimension] under this memory (identity post).</summary>
    public double[] Energy(ReadOnlySpan<float> states, RetrievalMap map, double beta)
    {
        if (Count == 0) throw new ArgumentException("the memory is empty", nameof(states));
        return HopfieldEnergy.Compute(map, beta, Patterns, Count, states, Dimension);
    }

    /// <summary>Constrained sparsemax free recall (<see cref="FreeRecall.Constrained"/>) over the stored patterns, in double.</summary>
    public FreeRecallResult FreeRecallConstrained(double beta, int maxIterations) =>
        FreeRecall.Constrained(PatternsInDouble(), Count, Dimension, beta, maxIterations);

    /// <summary>Penalized free recall (<see cref="FreeRecall.Penalized"/>) over the stored patterns, in double.</summary>
    public FreeRecallResult FreeRecallPenalized(RetrievalMap map, double beta, int maxIterations, double gamma = FreeRecall.DefaultGamma,
        double decay = FreeRecall.DefaultDecay) =>
        FreeRecall.Penalized(PatternsInDouble(), Count, Dimension, map, beta, maxIterations, gamma, decay);

    /// <summary>Sequential recall (<see cref="FreeRecall.Sequential"/>) through the stored order, in double.</summary>
    public FreeRecallResult SequentialRecall(RetrievalMap map, double beta, int maxIterations, double gamma = FreeRecall.DefaultGamma,
        double decay = FreeRecall.DefaultDecay, double omega = FreeRecall.DefaultOmega) =>
        FreeRecall.Sequential(PatternsInDouble(), Count, Dimension, map, beta, maxIterations, gamma, decay, omega);

    private double[] PatternsInDouble()
    {
        if (Count == 0) throw new ArgumentException("the memory is empty: store a pattern before recalling");
        var values = new double[Count * Dimension];
        var patterns = Patterns;
        for (int i = 0; i < values.Length; i++) values[i] = patterns[i];
        return values;
    }

    /// <summary>The patterns after <paramref name="post"/>, computed once per change.</summary>
    private float[] PostPatterns(PostTransform post)
    {
        if (_postCache is not null && _cachedPost == post) return _postCache;
        _gram = null; // it belongs to the previous post-transformation (or to patterns that changed)
        if (post == PostTransform.Identity)
        {
            // The first Count rows are all that is read; cache the reference so the Gram matrix is kept too.
            _postCache = _patterns;
            _cachedPost = post;
            return _patterns;
        }
        var copy = Patterns.ToArray();
        PostTransformKernel.ApplyRows<float>(post, copy, Dimension);
        _postCache = copy;
        _cachedPost = post;
        return copy;
    }

    private int CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be in [0, {Count})");
        return index;
    }

    private void CheckPattern(ReadOnlySpan<float> pattern)
    {
        if (pattern.Length != Dimension)
            throw new ShapeException($"memory: a pattern of {pattern.Length} values does not fit dimension {Dimension}");
        for (int i = 0; i < pattern.Length; i++)
            if (!float.IsFinite(pattern[i])) throw new ArgumentException($"pattern value {i} is {pattern[i]}; patterns must be finite", nameof(pattern));
    }
}
