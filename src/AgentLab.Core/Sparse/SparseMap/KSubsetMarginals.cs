namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// Closed-form SparseMAP marginals of <see cref="KSubsets"/> (docs/ALGORITHMS.md §7.4(a)): the Euclidean
/// projection of x onto {0 ≤ μ ≤ 1, Σμ = k} (or ≤ k), μ = clip(x − τ, 0, 1), found by bisection on τ — O(n) per
/// step and no sort. No active set is involved, so this is the fast path when only marginals are needed.
/// </summary>
public static class KSubsetMarginals
{
    /// <summary>Exactly k: Σμ = k. Returns τ (BudgetBinding is true).</summary>
    public static ClosedFormMarginals Exactly(ReadOnlySpan<double> x, int k, Span<double> marginals)
    {
        Check(x, k, marginals);
        int n = x.Length;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in x)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        // At τ = min x − k/n every coordinate is ≥ min(1, k/n), so Σ ≥ k; at τ = max x − k/n every one is
        // ≤ k/n, so Σ ≤ k. Σ clip(x − τ, 0, 1) is non-increasing in τ, so bisection brackets the root.
        double lo = min - (double)k / n, hi = max - (double)k / n;
        // Halve until the bracket cannot shrink in double (~60 steps) rather than the reference's fixed 50,
        // so Σμ − k is at rounding level whatever the range of x.
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double mid = lo + 0.5 * (hi - lo);
            if (mid <= lo || mid >= hi) break;
            if (ClippedSum(x, mid) >= k) lo = mid;
            else hi = mid;
        }
        double tau = lo + 0.5 * (hi - lo);
        Clip(x, tau, marginals);
        return new ClosedFormMarginals(tau, BudgetBinding: true);
    }

    /// <summary>At most k: clip(x, 0, 1) when its sum is ≤ k (τ = 0, budget not binding), else the exactly-k solution.</summary>
    public static ClosedFormMarginals AtMost(ReadOnlySpan<double> x, int k, Span<double> marginals)
    {
        Check(x, k, marginals);
        if (ClippedSum(x, 0) <= k)
        {
            Clip(x, 0, marginals);
            return new ClosedFormMarginals(0, BudgetBinding: false);
        }
        return Exactly(x, k, marginals);
    }

    /// <summary>
    /// dμ = J dx with J = diag(f) − ffᵀ/|f| (f = indicator of 0 &lt; μ_i &lt; 1) when the budget binds, else
    /// J = diag(f). J is symmetric, so this is also the VJP.
    /// </summary>
    public static void Jvp(ReadOnlySpan<double> marginals, bool budgetBinding, ReadOnlySpan<double> dx, Span<double> dMarginals)
    {
        if (dx.Length != marginals.Length || dMarginals.Length != marginals.Length)
            throw new ArgumentException("marginals, dx and dMarginals must have the same length");
        double sum = 0;
        int fractional = 0;
        for (int i = 0; i < marginals.Length; i++)
        {
            if (!IsFractional(marginals[i])) continue;
            sum += dx[i];
            fractional++;
        }
        double mean = budgetBinding && fractional > 0 ? sum / fractional : 0;
        for (int i = 0; i < marginals.Length; i++) dMarginals[i] = IsFractional(marginals[i]) ? dx[i] - mean : 0;
    }

    private static bool IsFractional(double m) => m > 0 && m < 1;

    private static double ClippedSum(ReadOnlySpan<double> x, double tau)
    {
        double sum = 0;
        foreach (double v in x) sum += Math.Clamp(v - tau, 0, 1);
        return sum;
    }

    private static void Clip(ReadOnlySpan<double> x, double tau, Span<double> marginals)
    {
        for (int i = 0; i < x.Length; i++) marginals[i] = Math.Clamp(x[i] - tau, 0, 1);
    }

    private static void Check(ReadOnlySpan<double> x, int k, Span<double> marginals)
    {
        if (x.Length == 0) throw new ArgumentException("x is empty", nameof(x));
        if (marginals.Length != x.Length) throw new ArgumentException($"marginals has {marginals.Length} entries, expected {x.Length}", nameof(marginals));
        if (k < 0 || k > x.Length) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [0, {x.Length}]");
        for (int i = 0; i < x.Length; i++)
            if (!double.IsFinite(x[i])) throw new ArgumentException($"x[{i}] is {x[i]}; scores must be finite", nameof(x));
    }
}
