namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// Closed-form on-state marginals of <see cref="BudgetBitVectors"/> with η_u = [x; 0] (docs/ALGORITHMS.md
/// §7.4(b)): with both states in the quadratic the objective is −‖m − (x + 1)/2‖² + const, so
/// m = Proj_{0≤m≤1, Σm≤B}((x + 1)/2) — the at-most k-subset projection of (x + 1)/2, and the Jacobian w.r.t. x
/// is half of that projection's.
/// </summary>
public static class BudgetBitVectorMarginals
{
    public static ClosedFormMarginals Compute(ReadOnlySpan<double> x, int budget, Span<double> onMarginals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        Span<double> shifted = x.Length <= 512 ? stackalloc double[x.Length] : new double[x.Length];
        for (int i = 0; i < x.Length; i++) shifted[i] = 0.5 * (x[i] + 1);
        return KSubsetMarginals.AtMost(shifted, Math.Min(budget, x.Length), onMarginals);
    }

    /// <summary>dm = ½ J_proj dx (symmetric, so also the VJP).</summary>
    public static void Jvp(ReadOnlySpan<double> onMarginals, bool budgetBinding, ReadOnlySpan<double> dx, Span<double> dOnMarginals)
    {
        KSubsetMarginals.Jvp(onMarginals, budgetBinding, dx, dOnMarginals);
        for (int i = 0; i < dOnMarginals.Length; i++) dOnMarginals[i] *= 0.5;
    }
}
