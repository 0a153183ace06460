namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// Bit-vectors of n variables with at most B on, both states in the quadratic (a_s = [z; 1 − z], Correia et
/// al. 2020 `budget.h`, docs/ALGORITHMS.md §7.4(b)). With η_u = [x; 0] the marginals of the on states are
/// the projection of (x + 1)/2 onto {0 ≤ m ≤ 1, Σm ≤ B} (see <see cref="BudgetBitVectorMarginals"/>).
/// B ≥ n means no budget.
/// </summary>
public sealed class BudgetBitVectors : BinaryStructure
{
    public BudgetBitVectors(int variableCount, int budget) : base(variableCount, StateEncoding.BothStates)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        Budget = budget;
    }

    public int Budget { get; }

    /// <summary>
    /// e_i = η_on,i − η_off,i; every e_i &gt; 0 is switched on, and when more than B are positive only the top
    /// B (ties → lower index) are kept.
    /// </summary>
    public override BitConfiguration Map(ReadOnlySpan<double> unaryScores, ReadOnlySpan<double> additionalScores)
    {
        CheckScores(unaryScores, additionalScores);
        Span<double> preference = VariableCount <= 512 ? stackalloc double[VariableCount] : new double[VariableCount];
        Encoding.OnPreference(unaryScores, preference);
        return TopSelection.Select(preference, Budget, positiveOnly: true);
    }

    public override bool IsFeasible(BitConfiguration z) => z.Length == VariableCount && z.Count <= Budget;
}
