namespace AgentLab.Memory;

/// <summary>
/// The outcome of recalling B queries from N memories of dimension D: for every query the state q and the
/// weights p after its last update, the support of p, the updates taken and (when asked) the energy of q.
/// </summary>
public sealed class RecallResult<T>
{
    internal RecallResult(int queries, int memories, int dimension, T[] retrieved, T[] weights, int[][] supports, int[] steps, double[]? energy)
    {
        QueryCount = queries;
        MemoryCount = memories;
        Dimension = dimension;
        Retrieved = retrieved;
        Weights = weights;
        Supports = supports;
        Steps = steps;
        Energy = energy;
    }

    public int QueryCount { get; }

    public int MemoryCount { get; }

    public int Dimension { get; }

    /// <summary>The retrieved states q, row-major [B x D] (post-transformed, as the dynamics keep them).</summary>
    public T[] Retrieved { get; }

    /// <summary>The weights p over the memories, row-major [B x N] (k-subsets: marginals summing to k).</summary>
    public T[] Weights { get; }

    /// <summary>Per query, the indices of the memories with p &gt; 0, ascending (the metastable state).</summary>
    public int[][] Supports { get; }

    /// <summary>Per query, the number of updates computed (MaxSteps unless it stopped when stable).</summary>
    public int[] Steps { get; }

    /// <summary>Per query, the energy E(q) of the final state; null unless requested (identity post only).</summary>
    public double[]? Energy { get; }

    public ReadOnlySpan<T> RetrievedRow(int query) => Retrieved.AsSpan(CheckQuery(query) * Dimension, Dimension);

    public ReadOnlySpan<T> WeightsRow(int query) => Weights.AsSpan(CheckQuery(query) * MemoryCount, MemoryCount);

    private int CheckQuery(int query)
    {
        if ((uint)query >= (uint)QueryCount) throw new ArgumentOutOfRangeException(nameof(query), query, $"query must be in [0, {QueryCount})");
        return query;
    }
}
