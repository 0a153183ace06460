using System.Numerics;
using System.Numerics.Tensors;

namespace AgentLab.Channels.Pathwise;

/// <summary>
/// One Gumbel-Softmax sample and its pathwise VJP (docs/ALGORITHMS.md §8.1–8.2): y = softmax((l + g)/τ)
/// for given Gumbel noise g. The straight-through variant transmits onehot(argmax y) and back-propagates
/// through this y. The arithmetic is exactly the float channel's (divide, shift by the max, exp, scale).
/// </summary>
public static class GumbelSoftmaxSample
{
    public static void Forward<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> gumbels, T temperature, Span<T> y)
        where T : IFloatingPointIeee754<T>
    {
        RowLengths.Check(logits.Length, gumbels.Length, y.Length);
        for (int i = 0; i < logits.Length; i++) y[i] = (logits[i] + gumbels[i]) / temperature;
        T max = TensorPrimitives.Max<T>(y);
        TensorPrimitives.Subtract(y, max, y);
        TensorPrimitives.Exp<T>(y, y);
        TensorPrimitives.Multiply(y, T.One / TensorPrimitives.Sum<T>(y), y);
    }

    /// <summary>The straight-through message's coordinate: argmax y, the first index on ties (= argmax(l + g)).</summary>
    public static int StraightThroughIndex<T>(ReadOnlySpan<T> y) where T : IFloatingPointIeee754<T>
    {
        int best = 0;
        for (int i = 1; i < y.Length; i++) if (y[i] > y[best]) best = i;
        return best;
    }

    /// <summary>dLogits += (1/τ)(y ⊙ dy − y⟨y, dy⟩) with the soft y (both variants).</summary>
    public static void AddVjp<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, T temperature, Span<T> dLogits) where T : IFloatingPointIeee754<T>
    {
        RowLengths.Check(y.Length, dy.Length, dLogits.Length);
        T dot = TensorPrimitives.Dot(y, dy);
        for (int i = 0; i < y.Length; i++) dLogits[i] += y[i] * (dy[i] - dot) / temperature;
    }
}
