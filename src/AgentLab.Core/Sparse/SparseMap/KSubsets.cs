namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// k-subsets of n variables, on-only encoding (a_s = z, docs/ALGORITHMS.md §7.4(a)): exactly k on, or at
/// most k. SparseMAP marginals are clip(x − τ, 0, 1) with Σ = k (see <see cref="KSubsetMarginals"/>);
/// k = 1 (exactly) is sparsemax.
/// </summary>
public sealed class KSubsets : BinaryStructure
{
    public KSubsets(int variableCount, int k, BudgetKind kind = BudgetKind.Exactly)
        : base(variableCount, StateEncoding.OnOnly)
    {
        if (k < 0 || k > variableCount)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [0, {variableCount}]");
        K = k;
        Kind = kind;
    }

    public int K { get; }

    public BudgetKind Kind { get; }

    /// <summary>
    /// Exactly k: the top k scores (ties → lower index). At most k: the strictly positive scores, and only
    /// the top k of them when there are more.
    /// </summary>
    public override BitConfiguration Map(ReadOnlySpan<double> unaryScores, ReadOnlySpan<double> additionalScores)
    {
        CheckScores(unaryScores, additionalScores);
        return TopSelection.Select(unaryScores, K, positiveOnly: Kind == BudgetKind.AtMost);
    }

    public override bool IsFeasible(BitConfiguration z) =>
        z.Length == VariableCount && (Kind == BudgetKind.Exactly ? z.Count == K : z.Count <= K);
}
