namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// Sequential k-subsets (HFY sequential recall; docs/ALGORITHMS.md §7.4(c)): a binary chain of n
/// variables, both states in the quadratic (a_s = [z; 1 − z], on-entries first), plus n − 1 additional parts
/// b_s,i = z_i ∧ z_{i+1} scored by w_i for consecutive on–on pairs (linear only). The budget bounds the
/// number of on states from above; "exactly k" is the reference's emulation: the oracle adds a constant C
/// to every on-score, so every exactly-k configuration gains the same C·k and beats any shorter one. C is
/// used only inside the oracle, never in θ, so weights, marginals and τ are those of the exactly-k problem
/// (τ is the golden files' `tau`, which has C·k removed).
/// </summary>
public sealed class SequenceBudget : BinaryStructure
{
    /// <summary>At most <paramref name="budget"/> on states.</summary>
    public SequenceBudget(int variableCount, int budget) : this(variableCount, budget, BudgetKind.AtMost, 0)
    {
    }

    private SequenceBudget(int variableCount, int budget, BudgetKind kind, double onScoreShift)
        : base(variableCount, StateEncoding.BothStates)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        if (kind == BudgetKind.Exactly && budget > variableCount)
            throw new ArgumentOutOfRangeException(nameof(budget), budget, $"exactly {budget} of {variableCount} variables is impossible");
        if (!double.IsFinite(onScoreShift))
            throw new ArgumentOutOfRangeException(nameof(onScoreShift), onScoreShift, "the shift must be finite");
        Budget = budget;
        Kind = kind;
        OnScoreShift = onScoreShift;
    }

    /// <summary>
    /// Exactly <paramref name="k"/> on states, emulated with the on-score shift C (see
    /// <see cref="EmulationShift"/>; C must exceed what dropping an on state can gain, or the oracle throws).
    /// </summary>
    public static SequenceBudget Exactly(int variableCount, int k, double onScoreShift)
    {
        if (!(onScoreShift > 0)) throw new ArgumentOutOfRangeException(nameof(onScoreShift), onScoreShift, "the shift must be positive");
        return new SequenceBudget(variableCount, k, BudgetKind.Exactly, onScoreShift);
    }

    /// <summary>
    /// The reference's C = 20 + 4·max|x| + 4·max|w| for on-scores x (off-scores 0) and pair scores w. Inside the
    /// solver the oracle's on-minus-off scores move by at most 1 from x, so this keeps a wide margin.
    /// </summary>
    public static double EmulationShift(ReadOnlySpan<double> onScores, ReadOnlySpan<double> pairScores)
    {
        double maxX = 0, maxW = 0;
        foreach (double v in onScores) maxX = Math.Max(maxX, Math.Abs(v));
        foreach (double v in pairScores) maxW = Math.Max(maxW, Math.Abs(v));
        return 20 + 4 * maxX + 4 * maxW;
    }

    public int Budget { get; }

    public BudgetKind Kind { get; }

    /// <summary>C added to on-scores inside the oracle (0 for at most k).</summary>
    public double OnScoreShift { get; }

    public override int AdditionalCount => VariableCount - 1;

    public override BitConfiguration Map(ReadOnlySpan<double> unaryScores, ReadOnlySpan<double> additionalScores)
    {
        CheckScores(unaryScores, additionalScores);
        var z = BudgetViterbi.Decode(unaryScores, additionalScores, Budget, OnScoreShift);
        if (Kind == BudgetKind.Exactly && z.Count != Budget)
            throw new InvalidOperationException(
                $"the on-score shift {OnScoreShift} is too small for these scores: the oracle chose {z.Count} on states instead of {Budget}");
        return z;
    }

    public override bool IsFeasible(BitConfiguration z) =>
        z.Length == VariableCount && (Kind == BudgetKind.Exactly ? z.Count == Budget : z.Count <= Budget);

    public override double AdditionalDot(BitConfiguration s, ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (int i in s.Ones)
            if (i + 1 < s.Length && s[i + 1]) sum += values[i];
        return sum;
    }

    public override void AddAdditional(BitConfiguration s, double weight, Span<double> target)
    {
        foreach (int i in s.Ones)
            if (i + 1 < s.Length && s[i + 1]) target[i] += weight;
    }
}
