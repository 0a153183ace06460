using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AgentLab.Sparse;

/// <summary>
/// Exact 1.5-entmax: p = argmax_{p∈Δ} ⟨p,s⟩ + H^T_{1.5}(p) = [s/2 − τ]₊² with s = scores / temperature
/// (docs/ALGORITHMS.md §4). Batches are row-major [rows x cols]; −∞ scores are masks.
/// </summary>
public static class Entmax15
{
    /// <summary>
    /// Initial k of the default partial sort (doubled while the whole top-k is in the support): the narrowed
    /// candidate sets rarely exceed it, so they are sorted in one go.
    /// </summary>
    public const int DefaultInitialK = 32;

    /// <summary>
    /// Forward pass over a batch (the fast default: partial sort of the entries within 2 of the row max,
    /// identical to the full sort).
    /// </summary>
    /// <param name="scores">Raw scores [rows x cols]; −∞ entries are masks, NaN and +∞ are rejected.</param>
    /// <param name="probs">Output probabilities [rows x cols].</param>
    /// <param name="temperature">T &gt; 0; the map is applied to scores / T.</param>
    /// <param name="supports">Optional: receives each row's support (p &gt; 0).</param>
    public static void Forward<T>(ReadOnlySpan<T> scores, Span<T> probs, int rows, int cols, T temperature, RowSupports? supports = null)
        where T : IFloatingPointIeee754<T>
        => SortedThresholdMap<T, Rule<T>>.ForwardRows(scores, probs, rows, cols, temperature, supports, DefaultInitialK);

    /// <summary>Forward pass by a full sort of every row (the O(d log d) reference algorithm).</summary>
    public static void ForwardSorted<T>(ReadOnlySpan<T> scores, Span<T> probs, int rows, int cols, T temperature, RowSupports? supports = null)
        where T : IFloatingPointIeee754<T>
        => SortedThresholdMap<T, Rule<T>>.ForwardRows(scores, probs, rows, cols, temperature, supports, 0);

    /// <summary>Forward pass by partial sort: top-<paramref name="initialK"/> first, doubling k while needed.</summary>
    public static void ForwardPartialSort<T>(ReadOnlySpan<T> scores, Span<T> probs, int rows, int cols, T temperature, int initialK,
        RowSupports? supports = null)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialK, 1);
        SortedThresholdMap<T, Rule<T>>.ForwardRows(scores, probs, rows, cols, temperature, supports, initialK);
    }

    /// <summary>Single-row forward pass; returns τ (s-units, p = [s/2 − τ]₊²) and the support size.</summary>
    public static RowThreshold<T> Forward<T>(ReadOnlySpan<T> scores, Span<T> probs, T temperature) where T : IFloatingPointIeee754<T>
        => SortedThresholdMap<T, Rule<T>>.ForwardSingle(scores, probs, temperature, DefaultInitialK);

    /// <summary>Single-row forward pass by full sort.</summary>
    public static RowThreshold<T> ForwardSorted<T>(ReadOnlySpan<T> scores, Span<T> probs, T temperature) where T : IFloatingPointIeee754<T>
        => SortedThresholdMap<T, Rule<T>>.ForwardSingle(scores, probs, temperature, 0);

    /// <summary>Single-row forward pass by partial sort starting at <paramref name="initialK"/>.</summary>
    public static RowThreshold<T> ForwardPartialSort<T>(ReadOnlySpan<T> scores, Span<T> probs, T temperature, int initialK)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialK, 1);
        return SortedThresholdMap<T, Rule<T>>.ForwardSingle(scores, probs, temperature, initialK);
    }

    /// <summary>
    /// VJP w.r.t. the raw scores: with r = √p on the support, dx = (r⊙dy − r·⟨r,dy⟩/Σr)/T, 0 off the support.
    /// Costs O(|S|) per row plus clearing dx.
    /// </summary>
    /// <param name="supports">The supports from the forward pass; when null they are derived from p &gt; 0.</param>
    public static void Backward<T>(ReadOnlySpan<T> probs, ReadOnlySpan<T> dy, Span<T> dx, int rows, int cols, T temperature,
        RowSupports? supports = null)
        where T : IFloatingPointIeee754<T>
    {
        InputChecks.Batch(rows, cols, probs.Length, nameof(probs));
        InputChecks.Batch(rows, cols, dy.Length, nameof(dy));
        InputChecks.Batch(rows, cols, dx.Length, nameof(dx));
        supports?.RequireShape(rows, cols, nameof(supports));
        T inverseTemperature = InputChecks.InverseTemperature(temperature);
        SupportBackward.Run(probs, dy, dx, rows, cols, supports, readsProbs: true, inverseTemperature,
            static (p, support, dy, dx, inverseTemperature) => BackwardRow(p, support, dy, dx, inverseTemperature));
    }

    /// <summary>Single-row VJP (see the batched overload).</summary>
    public static void Backward<T>(ReadOnlySpan<T> probs, ReadOnlySpan<T> dy, Span<T> dx, T temperature) where T : IFloatingPointIeee754<T>
        => Backward(probs, dy, dx, 1, probs.Length, temperature);

    private static void BackwardRow<T>(ReadOnlySpan<T> p, ReadOnlySpan<int> support, ReadOnlySpan<T> dy, Span<T> dx, T inverseTemperature)
        where T : IFloatingPointIeee754<T>
    {
        dx.Clear();
        T sumR = T.Zero, sumRg = T.Zero;
        foreach (int i in support)
        {
            T r = T.Sqrt(p[i]);
            sumR += r;
            sumRg += r * dy[i];
            dx[i] = r; // kept to avoid a second square root
        }
        if (support.Length == 0) return;
        T q = sumRg / sumR;
        foreach (int i in support) dx[i] = dx[i] * (dy[i] - q) * inverseTemperature;
    }

    /// <summary>
    /// 1.5-entmax loss (Fenchel–Young, H(p) = (1 − Σp^1.5)/0.75) for class-index targets: per-row losses and
    /// grad = (p* − onehot(y))/T; exactly 0 once p* is the target vertex.
    /// </summary>
    public static void Loss<T>(ReadOnlySpan<T> scores, ReadOnlySpan<int> targets, Span<T> losses, Span<T> grad, int rows, int cols,
        T temperature)
        where T : IFloatingPointIeee754<T>
    {
        FenchelYoung.CheckTargets(targets, rows, cols);
        Forward(scores, grad, rows, cols, temperature);
        FenchelYoung.FinishRows(scores, targets, ReadOnlySpan<T>.Empty, losses, grad, rows, cols, temperature, new Entropy<T>());
    }

    /// <summary>1.5-entmax loss for target distributions q [rows x cols]: grad = (p* − q)/T.</summary>
    public static void Loss<T>(ReadOnlySpan<T> scores, ReadOnlySpan<T> targetProbs, Span<T> losses, Span<T> grad, int rows, int cols,
        T temperature)
        where T : IFloatingPointIeee754<T>
    {
        FenchelYoung.CheckTargets(targetProbs, rows, cols);
        Forward(scores, grad, rows, cols, temperature);
        FenchelYoung.FinishRows(scores, ReadOnlySpan<int>.Empty, targetProbs, losses, grad, rows, cols, temperature, new Entropy<T>());
    }

    /// <summary>Single-row 1.5-entmax loss for class <paramref name="target"/>.</summary>
    public static T Loss<T>(ReadOnlySpan<T> scores, int target, Span<T> grad, T temperature) where T : IFloatingPointIeee754<T>
    {
        Span<T> loss = [T.Zero];
        Loss(scores, [target], loss, grad, 1, scores.Length, temperature);
        return loss[0];
    }

    /// <summary>
    /// On h = (s − max)/2 sorted descending: μ_k, q_k running means of h and h², ss_k = k(q_k − μ_k²),
    /// δ_k = (1 − ss_k)/k, τ_k = μ_k − √max(δ_k, 0); k is in the support while τ_k ≤ h_k.
    /// </summary>
    private readonly struct Rule<T> : ISortedThresholdRule<T> where T : IFloatingPointIeee754<T>
    {
        private static readonly T Half = T.One / (T.One + T.One);

        public static T Scale(T inverseTemperature) => inverseTemperature * Half;

        // τ ≥ −1 because the top entry (h = 0) has probability τ² ≤ 1.
        public static T Cutoff => -T.One;

        // Newton on √m = ‖[h − τ]₊‖₂ (convex, and nearly linear on each piece, so it converges in far fewer
        // steps than Newton on m): d√m/dτ = −Σ[h − τ]₊/√m, so δ = (m − √(m·target))/Σ[h − τ]₊.
        public static (T Mass, T Step, T Above) MassAndStep(ReadOnlySpan<T> values, T tau, T target)
        {
            var (count, sum, sumOfSquares) = PositivePart.Moments(values, tau);
            return (sumOfSquares, (sumOfSquares - T.Sqrt(sumOfSquares * target)) / sum, count);
        }

        public static int SupportSize(ReadOnlySpan<T> sorted, out T tau)
        {
            if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported) return SupportSizeByLanes(sorted, out tau);
            T sum = T.Zero, sumSquares = T.Zero, kAsT = T.Zero;
            tau = T.Zero;
            int k = 0;
            for (; k < sorted.Length; k++)
            {
                T u = sorted[k];
                T nextK = kAsT + T.One;
                T nextSum = sum + u;
                T nextSumSquares = sumSquares + u * u;
                T mean = nextSum / nextK;
                T meanSquare = nextSumSquares / nextK;
                T ss = nextK * (meanSquare - mean * mean);
                T delta = (T.One - ss) / nextK;
                // Clamp as the reference does (clamped candidates are believed never to be selected).
                T candidate = mean - T.Sqrt(delta > T.Zero ? delta : T.Zero);
                if (!(candidate <= u)) break;
                sum = nextSum;
                sumSquares = nextSumSquares;
                kAsT = nextK;
                tau = candidate;
            }
            return k;
        }

        /// <summary>
        /// The same test with the same arithmetic, a vector of k at a time: the running sums are formed one
        /// value after another as in the scalar loop (so they round identically) and staged, then the
        /// divisions and square roots of all k, which dominate the scalar loop, run side by side. Staging a
        /// whole block before loading it as vectors keeps the loads from waiting on the scalar stores.
        /// </summary>
        private static int SupportSizeByLanes(ReadOnlySpan<T> sorted, out T tau)
        {
            int width = Vector256<T>.Count, n = sorted.Length;
            Block counts = default, sums = default, squares = default, values = default;
            T sum = T.Zero, sumSquares = T.Zero, kAsT = T.Zero;
            tau = T.Zero;
            for (int blockStart = 0; blockStart < n; blockStart += BlockLength)
            {
                int blockLength = Math.Min(BlockLength, n - blockStart);
                // Only the last block is partial; its padding lanes fail below, so their sums are never used.
                int staged = (blockLength + width - 1) / width * width;
                for (int j = 0; j < staged; j++)
                {
                    T u = j < blockLength ? sorted[blockStart + j] : T.Zero;
                    kAsT += T.One;
                    sum += u;
                    sumSquares += u * u;
                    counts[j] = kAsT;
                    sums[j] = sum;
                    squares[j] = sumSquares;
                    values[j] = u;
                }
                for (int start = 0; start < staged; start += width)
                {
                    var k = Vector256.Create<T>(((Span<T>)counts)[start..]);
                    var mean = Vector256.Create<T>(((Span<T>)sums)[start..]) / k;
                    var meanSquare = Vector256.Create<T>(((Span<T>)squares)[start..]) / k;
                    var ss = k * (meanSquare - mean * mean);
                    var delta = (Vector256<T>.One - ss) / k;
                    var candidate = mean - Vector256.Sqrt(Vector256.ConditionalSelect(Vector256.GreaterThan(delta, Vector256<T>.Zero), delta, Vector256<T>.Zero));
                    // Lanes past the end count as failures.
                    uint failed = ~Vector256.ExtractMostSignificantBits(Vector256.LessThanOrEqual(candidate, Vector256.Create<T>(((Span<T>)values)[start..])))
                        | (~0u << Math.Min(width, blockLength - start));
                    int passed = BitOperations.TrailingZeroCount(failed);
                    if (passed > 0) tau = candidate[passed - 1];
                    if (passed < width) return blockStart + start + passed;
                }
            }
            return n;
        }

        /// <summary>Values staged per block: the narrowed sets fit in one.</summary>
        private const int BlockLength = 32;

        [InlineArray(BlockLength)]
        private struct Block
        {
            private T _element;
        }

        // Called per support entry from the large row driver, whose inlining budget it would otherwise miss.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T Project(T h, T tau)
        {
            T v = h - tau;
            return v > T.Zero ? v * v : T.Zero;
        }

        public static Vector<T> Project(Vector<T> h, Vector<T> tau)
        {
            var v = Vector.Max(h - tau, Vector<T>.Zero);
            return v * v;
        }
    }

    private readonly struct Entropy<T> : IEntropy<T> where T : IFloatingPointIeee754<T>
    {
        public T Of(ReadOnlySpan<T> p)
        {
            T sum = T.Zero;
            foreach (T v in p)
                if (v > T.Zero) sum += v * T.Sqrt(v);
            return (T.One - sum) / T.CreateTruncating(0.75);
        }
    }
}
