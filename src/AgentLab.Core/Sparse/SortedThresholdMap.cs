using System.Numerics;
using System.Runtime.InteropServices;

namespace AgentLab.Sparse;

/// <summary>
/// The math that distinguishes one sort-based thresholded map (sparsemax, 1.5-entmax) from another:
/// its working coordinate, the support test on the descending sorted values, and the projection.
/// </summary>
internal interface ISortedThresholdRule<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>Working coordinate u = (x − max)·Scale(1/T).</summary>
    static abstract T Scale(T inverseTemperature);

    /// <summary>A lower bound of τ in working units: entries with u ≤ Cutoff are never in the support.</summary>
    static abstract T Cutoff { get; }

    /// <summary>
    /// The mass m(τ) = Σ_j p(u_j, τ), a Newton step δ toward m = <paramref name="target"/> (≥ 1) and the
    /// number of values above τ. The mass is decreasing and equals 1 at the solution, so any τ with
    /// m(τ) ≥ 1 is a lower bound; the step is taken on a convex decreasing function of m, so τ + δ is
    /// again a lower bound (the tangent lies below the function).
    /// </summary>
    static abstract (T Mass, T Step, T Above) MassAndStep(ReadOnlySpan<T> values, T tau, T target);

    /// <summary>
    /// Support size k* and threshold τ from values sorted in descending order (largest = 0). The set of
    /// k passing the test is a prefix, so the scan stops at the first failure; it returns the full length
    /// when every k passes (the caller then decides whether more values are needed).
    /// </summary>
    static abstract int SupportSize(ReadOnlySpan<T> sortedDescending, out T tau);

    /// <summary>The probability of an entry with working coordinate u (0 when u ≤ τ).</summary>
    static abstract T Project(T u, T tau);

    static abstract Vector<T> Project(Vector<T> u, Vector<T> tau);
}

/// <summary>
/// Row-wise forward driver shared by the sort-based maps: a full-sort reference path, and a partial-sort
/// path that only orders the few candidates above the cutoff, doubling k until the support is known.
/// Both produce bit-identical results because the partial path evaluates the support test on exactly the
/// same sorted prefix, in the same order, as the full sort (plus one exact sentinel past the candidates).
/// </summary>
internal static class SortedThresholdMap<T, TRule>
    where T : IFloatingPointIeee754<T>
    where TRule : ISortedThresholdRule<T>
{
    /// <param name="initialK">Initial k of the partial sort; 0 selects the full sort.</param>
    public static void ForwardRows(ReadOnlySpan<T> scores, Span<T> probs, int rows, int cols, T temperature,
        RowSupports? supports, int initialK)
    {
        InputChecks.Batch(rows, cols, scores.Length, nameof(scores));
        InputChecks.Batch(rows, cols, probs.Length, nameof(probs));
        T inverseTemperature = InputChecks.InverseTemperature(temperature);
        supports?.Reset(rows, cols);
        RowBlocks.Run(scores, ReadOnlySpan<T>.Empty, probs, rows, cols, (inverseTemperature, supports, initialK, cols),
            static (x, _, p, start, end, state) =>
            {
                var (inverseTemperature, supports, initialK, cols) = state;
                using var scratch = new RowScratch<T>(cols);
                for (int r = start; r < end; r++)
                {
                    Span<int> support = supports is null ? scratch.Indices : supports.RowBuffer(r);
                    var result = ForwardRow(x.Slice(r * cols, cols), p.Slice(r * cols, cols), inverseTemperature,
                        initialK, scratch, support, r);
                    supports?.SetCount(r, result.SupportSize);
                }
            });
    }

    public static RowThreshold<T> ForwardSingle(ReadOnlySpan<T> scores, Span<T> probs, T temperature, int initialK)
    {
        InputChecks.Batch(1, scores.Length, probs.Length, nameof(probs));
        T inverseTemperature = InputChecks.InverseTemperature(temperature);
        using var scratch = new RowScratch<T>(scores.Length);
        var support = new int[scores.Length];
        return ForwardRow(scores, probs, inverseTemperature, initialK, scratch, support, 0);
    }

    /// <summary>
    /// One row. <paramref name="support"/> receives the ascending support indices (it may alias
    /// scratch.Indices: the partial path reads each candidate index before overwriting that slot).
    /// </summary>
    private static RowThreshold<T> ForwardRow(ReadOnlySpan<T> x, Span<T> p, T inverseTemperature, int initialK,
        RowScratch<T> scratch, Span<int> support, int rowIndex)
    {
        T max = InputChecks.MaxOfScores(x, rowIndex);
        T scale = TRule.Scale(inverseTemperature);
        T tau;
        if (initialK > 0)
        {
            Span<T> values = scratch.Values;
            Span<int> indices = scratch.Indices;
            int candidates = ShiftedScores.GatherAbove(x, max, scale, TRule.Cutoff, values, indices);
            // −∞ padding to whole vectors changes no sum and is never kept, and spares the passes below
            // their scalar tails.
            int padded = RowScratch<T>.PadToVectors(values, candidates);
            // Only the candidates above a proven lower bound of τ need ordering; the largest one at or below it
            // is the sentinel a full sort would test next.
            T lower = LowerBound(values[..padded], candidates);
            // Keep the columns above the bound (in place, still in column order) and their values to sort.
            Span<T> sorted = scratch.Sorted;
            int above = ShiftedScores.KeepAbove<T>(values[..padded], indices, lower, sorted, out T nextBelow);
            // τ ≥ cutoff holds mathematically; checking it keeps every non-candidate provably at 0.
            if (TryPartialSort(x, max, scale, sorted, above, nextBelow, initialK, out tau) && tau >= TRule.Cutoff)
            {
                // p = 0 below the bound (τ ≥ bound). Recomputing u from x repeats the gather's exact arithmetic.
                p.Clear();
                int count = 0;
                for (int j = 0; j < above; j++)
                {
                    int i = indices[j];
                    T v = TRule.Project((x[i] - max) * scale, tau);
                    p[i] = v;
                    support[count] = i;
                    count += v > T.Zero ? 1 : 0;
                }
                return new RowThreshold<T>(tau + max * scale, count);
            }
        }

        // Full sort: the reference path (and the fallback when rounding breaks the partial path's proof).
        ShiftedScores.ShiftScale(x, max, scale, p);
        Span<T> all = scratch.Sorted;
        int finite = ShiftedScores.GatherFinite<T>(p, all);
        DescendingOrder.Sort(all[..finite]);
        TRule.SupportSize(all[..finite], out tau);
        ProjectAll(p, tau);
        int supportSize = ShiftedScores.CollectPositive<T>(p, support);
        return new RowThreshold<T>(tau + max * scale, supportSize);
    }

    /// <summary>At most this many Newton steps narrow the candidates before sorting (they converge quadratically).</summary>
    private const int LowerBoundSteps = 8;

    /// <summary>
    /// A lower bound L ≤ τ by Newton's method on the mass from the cutoff: each step lands below τ again
    /// (for sparsemax this is Michelot's algorithm). Steps aim at a mass slightly above 1, and a step is
    /// kept only if its computed mass reaches that margin, which covers the rounding of the sums. It stops
    /// once a step passes no candidate: the set to sort is then (nearly) the support. Correctness never
    /// depends on the bound (the sentinel test catches one that is too high); it only keeps the sorted set
    /// small. <paramref name="candidates"/> may end in −∞ padding; <paramref name="count"/> excludes it.
    /// </summary>
    private static T LowerBound(ReadOnlySpan<T> candidates, int count)
    {
        T low = TRule.Cutoff;
        T epsilon = T.BitIncrement(T.One) - T.One;
        T required = T.One + T.CreateTruncating(4 * (count + 4)) * epsilon;
        var (_, step, above) = TRule.MassAndStep(candidates, low, required);
        for (int iteration = 0; iteration < LowerBoundSteps; iteration++)
        {
            T next = low + step;
            if (!(next > low)) break;
            var (nextMass, nextStep, nextAbove) = TRule.MassAndStep(candidates, next, required);
            if (!(nextMass >= required)) break;
            low = next;
            step = nextStep;
            if (nextAbove == above) break;
            above = nextAbove;
        }
        return low;
    }

    /// <summary>
    /// Support test on the top-k of <paramref name="count"/> values, doubling k while the whole prefix passes.
    /// When every value passes, the next value in the full order is appended as a sentinel so the test fails
    /// exactly where a full sort would: <paramref name="nextBelow"/> (the largest candidate at or below the bound), or the
    /// largest non-candidate of the row when there is none. Returns false only if rounding lets that sentinel
    /// pass (then a full sort is needed).
    /// </summary>
    private static bool TryPartialSort(ReadOnlySpan<T> x, T max, T scale, Span<T> sorted, int count, T nextBelow, int initialK,
        out T tau)
    {
        int k = Math.Min(initialK, count), done = 0;
        while (k < count)
        {
            DescendingOrder.ExtendSortedPrefix(sorted[..count], done, k);
            done = k;
            if (TRule.SupportSize(sorted[..k], out tau) < k) return true;
            k = k > count / 2 ? count : 2 * k;
        }
        // The last round tests all values plus the sentinel in one scan: the test stops at its first
        // failure, so this equals testing the values alone when that failure is among them.
        DescendingOrder.ExtendSortedPrefix(sorted[..count], done, count);
        if (T.IsNegativeInfinity(nextBelow)) nextBelow = ShiftedScores.LargestAtOrBelow(x, max, scale, TRule.Cutoff);
        if (T.IsNegativeInfinity(nextBelow)) return TRule.SupportSize(sorted[..count], out tau) <= count;
        sorted[count] = nextBelow;
        return TRule.SupportSize(sorted[..(count + 1)], out tau) <= count;
    }

    private static void ProjectAll(Span<T> u, T tau)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            int width = Vector<T>.Count;
            var vTau = new Vector<T>(tau);
            ref T ur = ref MemoryMarshal.GetReference(u);
            for (; i <= u.Length - width; i += width)
                Vector.StoreUnsafe(TRule.Project(Vector.LoadUnsafe(ref ur, (nuint)i), vTau), ref ur, (nuint)i);
        }
        for (; i < u.Length; i++) u[i] = TRule.Project(u[i], tau);
    }
}

