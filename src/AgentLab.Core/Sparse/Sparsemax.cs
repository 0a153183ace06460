using System.Numerics;
using System.Runtime.CompilerServices;

namespace AgentLab.Sparse;

/// <summary>
/// Sparsemax (α = 2): p = argmin_{p∈Δ} ‖p − s‖² = [s − τ]₊ with s = scores / temperature
/// (docs/ALGORITHMS.md §3). Batches are row-major [rows x cols]; −∞ scores are masks.
/// </summary>
public static class Sparsemax
{
    /// <summary>
    /// Initial k of the default partial sort (doubled while the whole top-k is in the support): the narrowed
    /// candidate sets rarely exceed it, so they are sorted in one go.
    /// </summary>
    public const int DefaultInitialK = 32;

    /// <summary>
    /// Forward pass over a batch (the fast default: partial sort of the entries within 1 of the row max,
    /// identical to <see cref="ForwardSorted{T}(ReadOnlySpan{T}, Span{T}, int, int, T, RowSupports?)"/>).
    /// </summary>
    /// <param name="scores">Raw scores [rows x cols]; −∞ entries are masks, NaN and +∞ are rejected.</param>
    /// <param name="probs">Output probabilities [rows x cols].</param>
    /// <param name="temperature">T &gt; 0; the map is applied to scores / T.</param>
    /// <param name="supports">Optional: receives each row's support (p &gt; 0), reusable across calls.</param>
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

    /// <summary>Single-row forward pass; returns τ (s-units, p = [s − τ]₊) and the support size.</summary>
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
    /// VJP w.r.t. the raw scores: dx = (1/T)·J dy with J = diag(1_S) − 1_S1_Sᵀ/|S|, i.e. on the support
    /// dx_i = (dy_i − mean_S dy)/T and 0 elsewhere. Costs O(|S|) per row plus clearing dx.
    /// </summary>
    /// <param name="probs">The forward output [rows x cols].</param>
    /// <param name="dy">Cotangent of the output [rows x cols].</param>
    /// <param name="dx">Receives the VJP [rows x cols].</param>
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
        SupportBackward.Run(probs, dy, dx, rows, cols, supports, readsProbs: false, inverseTemperature,
            static (_, support, dy, dx, inverseTemperature) => BackwardRow(support, dy, dx, inverseTemperature));
    }

    /// <summary>Single-row VJP (see the batched overload).</summary>
    public static void Backward<T>(ReadOnlySpan<T> probs, ReadOnlySpan<T> dy, Span<T> dx, T temperature) where T : IFloatingPointIeee754<T>
        => Backward(probs, dy, dx, 1, probs.Length, temperature);

    internal static void BackwardRow<T>(ReadOnlySpan<int> support, ReadOnlySpan<T> dy, Span<T> dx, T inverseTemperature)
        where T : IFloatingPointIeee754<T>
    {
        dx.Clear();
        if (support.Length == 0) return;
        T sum = T.Zero;
        foreach (int i in support) sum += dy[i];
        T mean = sum / T.CreateTruncating(support.Length);
        foreach (int i in support) dx[i] = (dy[i] - mean) * inverseTemperature;
    }

    /// <summary>
    /// Sparsemax loss (Fenchel–Young, H(p) = ½(1 − ‖p‖²)) for class-index targets: per-row losses and
    /// grad = (p* − onehot(y))/T. The loss is exactly 0 once s_y ≥ s_j + 1 for all j ≠ y.
    /// </summary>
    public static void Loss<T>(ReadOnlySpan<T> scores, ReadOnlySpan<int> targets, Span<T> losses, Span<T> grad, int rows, int cols,
        T temperature)
        where T : IFloatingPointIeee754<T>
    {
        FenchelYoung.CheckTargets(targets, rows, cols);
        Forward(scores, grad, rows, cols, temperature);
        FenchelYoung.FinishRows(scores, targets, ReadOnlySpan<T>.Empty, losses, grad, rows, cols, temperature, new Entropy<T>());
    }

    /// <summary>Sparsemax loss for target distributions q [rows x cols] (rows summing to 1): grad = (p* − q)/T.</summary>
    public static void Loss<T>(ReadOnlySpan<T> scores, ReadOnlySpan<T> targetProbs, Span<T> losses, Span<T> grad, int rows, int cols,
        T temperature)
        where T : IFloatingPointIeee754<T>
    {
        FenchelYoung.CheckTargets(targetProbs, rows, cols);
        Forward(scores, grad, rows, cols, temperature);
        FenchelYoung.FinishRows(scores, ReadOnlySpan<int>.Empty, targetProbs, losses, grad, rows, cols, temperature, new Entropy<T>());
    }

    /// <summary>Single-row sparsemax loss for class <paramref name="target"/>; grad receives (p* − e_y)/T.</summary>
    public static T Loss<T>(ReadOnlySpan<T> scores, int target, Span<T> grad, T temperature) where T : IFloatingPointIeee754<T>
    {
        Span<T> loss = [T.Zero];
        Loss(scores, [target], loss, grad, 1, scores.Length, temperature);
        return loss[0];
    }

    /// <summary>Support size and τ of values already sorted in descending order (used over configurations).</summary>
    internal static int SupportSizeOfSorted<T>(ReadOnlySpan<T> sortedDescending, out T tau) where T : IFloatingPointIeee754<T>
        => Rule<T>.SupportSize(sortedDescending, out tau);

    /// <summary>Support test 1 + k·u_k &gt; Σ_{j≤k} u_j (strict) and τ = (Σ_{j≤k*} u_j − 1)/k*.</summary>
    private readonly struct Rule<T> : ISortedThresholdRule<T> where T : IFloatingPointIeee754<T>
    {
        public static T Scale(T inverseTemperature) => inverseTemperature;

        // τ ≥ max − 1 because the top entry's probability −τ is at most 1.
        public static T Cutoff => -T.One;

        // Newton on the piecewise-linear mass itself (Michelot's algorithm): the slope is −|{u > τ}|.
        public static (T Mass, T Step, T Above) MassAndStep(ReadOnlySpan<T> values, T tau, T target)
        {
            var (count, sum, _) = PositivePart.Moments(values, tau);
            return (sum, (sum - target) / count, count);
        }

        public static int SupportSize(ReadOnlySpan<T> sorted, out T tau)
        {
            T cumulative = T.Zero, kAsT = T.Zero;
            int k = 0;
            for (; k < sorted.Length; k++)
            {
                T next = cumulative + sorted[k];
                T nextK = kAsT + T.One;
                if (!(T.One + nextK * sorted[k] > next)) break;
                cumulative = next;
                kAsT = nextK;
            }
            tau = (cumulative - T.One) / kAsT;
            return k;
        }

        // Called per support entry from the large row driver, whose inlining budget it would otherwise miss.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T Project(T u, T tau)
        {
            T v = u - tau;
            return v > T.Zero ? v : T.Zero;
        }

        public static Vector<T> Project(Vector<T> u, Vector<T> tau) => Vector.Max(u - tau, Vector<T>.Zero);
    }

    private readonly struct Entropy<T> : IEntropy<T> where T : IFloatingPointIeee754<T>
    {
        public T Of(ReadOnlySpan<T> p)
        {
            T squares = T.Zero;
            foreach (T v in p) squares += v * v;
            return (T.One - squares) / (T.One + T.One);
        }
    }
}
