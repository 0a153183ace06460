using System.Numerics;
using System.Numerics.Tensors;

namespace AgentLab.Sparse;

/// <summary>The generalized entropy H = −Ω of a regularized argmax map; it must be exactly 0 at a vertex.</summary>
internal interface IEntropy<T> where T : IFloatingPointIeee754<T>
{
    T Of(ReadOnlySpan<T> p);
}

/// <summary>
/// Fenchel–Young losses L(s; q) = H(p*) − H(q) + ⟨p* − q, s⟩ with ∇_s L = p* − q (docs/ALGORITHMS.md §1),
/// assembled from a map's forward output. s = scores/T, so the gradient w.r.t. the raw scores is (p* − q)/T.
/// </summary>
internal static class FenchelYoung
{
    /// <summary>Validates class-index targets before the (possibly expensive) forward pass.</summary>
    public static void CheckTargets(ReadOnlySpan<int> targets, int rows, int cols)
    {
        InputChecks.Length(targets.Length, rows, nameof(targets));
        for (int r = 0; r < rows; r++) InputChecks.Target(targets[r], r, cols);
    }

    /// <summary>Validates target distributions before the forward pass.</summary>
    public static void CheckTargets<T>(ReadOnlySpan<T> targetProbs, int rows, int cols) where T : IFloatingPointIeee754<T>
    {
        InputChecks.Batch(rows, cols, targetProbs.Length, nameof(targetProbs));
        for (int r = 0; r < rows; r++) InputChecks.TargetDistribution(targetProbs.Slice(r * cols, cols), r);
    }

    /// <summary>
    /// Turns p* (already in <paramref name="grad"/>) into (p* − q)/T and writes each row's loss.
    /// Pass either class indices (<paramref name="targetProbs"/> empty) or distributions.
    /// </summary>
    public static void FinishRows<T, TEntropy>(ReadOnlySpan<T> scores, ReadOnlySpan<int> targets, ReadOnlySpan<T> targetProbs,
        Span<T> losses, Span<T> grad, int rows, int cols, T temperature, TEntropy entropy)
        where T : IFloatingPointIeee754<T>
        where TEntropy : IEntropy<T>
    {
        InputChecks.Length(losses.Length, rows, nameof(losses));
        T inverseTemperature = T.One / temperature;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> q = targetProbs.IsEmpty ? default : targetProbs.Slice(r * cols, cols);
            int target = targetProbs.IsEmpty ? targets[r] : -1;
            losses[r] = FinishRow(scores.Slice(r * cols, cols), target, q, grad.Slice(r * cols, cols), inverseTemperature, entropy);
        }
    }

    private static T FinishRow<T, TEntropy>(ReadOnlySpan<T> x, int target, ReadOnlySpan<T> q, Span<T> grad, T inverseTemperature,
        TEntropy entropy)
        where T : IFloatingPointIeee754<T>
        where TEntropy : IEntropy<T>
    {
        // Working on max-shifted scores keeps ⟨p − q, s⟩ exact for large offsets (Σ(p − q) = 0).
        T max = TensorPrimitives.Max(x);
        T loss = entropy.Of(grad) - (q.IsEmpty ? T.Zero : entropy.Of(q));
        T linear = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            T pi = grad[i];
            T qi = q.IsEmpty ? (i == target ? T.One : T.Zero) : q[i];
            if (pi == T.Zero && qi == T.Zero) continue;
            T s = (x[i] - max) * inverseTemperature;
            // Target mass on a masked (−∞) entry can never be reached: the loss is +∞.
            if (T.IsNegativeInfinity(s)) linear = T.PositiveInfinity;
            else linear += (pi - qi) * s;
            grad[i] = (pi - qi) * inverseTemperature;
        }
        loss += linear;
        // L ≥ 0 in exact arithmetic; rounding must not report tiny negative losses past the margin.
        return loss > T.Zero ? loss : T.Zero;
    }
}
