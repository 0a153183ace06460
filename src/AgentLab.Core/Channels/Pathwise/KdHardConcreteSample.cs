using System.Numerics;
using AgentLab.Sparse;

namespace AgentLab.Channels.Pathwise;

/// <summary>
/// One K-D Hard Concrete sample ("stretch and project", docs/ALGORITHMS.md §8.3) and its pathwise VJP:
/// r = softmax((l + g)/τ) is a Gumbel-Softmax sample, y = sparsemax(λr). Because Σλr = λ &gt; 1 the
/// projection cuts the small coordinates; y is a vertex when λ(r₍₁₎ − r₍₂₎) ≥ 1. The VJP is the chain rule
/// J = J_softmax/τ · λ · J_sparsemax(λr).
/// </summary>
public static class KdHardConcreteSample
{
    /// <summary>The signal-game wrapper's stretch (the reference function's default is 1.2).</summary>
    public const double DefaultLambda = 1.1;

    /// <summary>Writes the relaxed sample r and y; returns the support size (nonzeros of y).</summary>
    public static int Forward<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> gumbels, T temperature, T lambda, Span<T> relaxed, Span<T> y)
        where T : IFloatingPointIeee754<T>
    {
        if (!(lambda > T.One)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "the stretch must exceed 1, or nothing is cut");
        GumbelSoftmaxSample.Forward(logits, gumbels, temperature, relaxed);
        // sparsemax(λr) is sparsemax at temperature 1/λ, which spares a scratch row for λr.
        return Sparsemax.Forward<T>(relaxed, y, T.One / lambda).SupportSize;
    }

    /// <summary>
    /// dLogits += (1/τ)(r ⊙ w − r⟨r, w⟩) with w = λ·J_sparsemax·dy (w_i = λ(dy_i − mean_S dy) on the
    /// support S of y, 0 off it).
    /// </summary>
    public static void AddVjp<T>(ReadOnlySpan<T> relaxed, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, T temperature, T lambda, Span<T> dLogits)
        where T : IFloatingPointIeee754<T>
    {
        RowLengths.Check(relaxed.Length, y.Length, dy.Length);
        RowLengths.Check(relaxed.Length, dLogits.Length, dy.Length);
        T mean = SupportJacobian.SupportMean(y, dy);
        T dot = T.Zero;
        for (int i = 0; i < y.Length; i++)
            if (y[i] > T.Zero) dot += relaxed[i] * lambda * (dy[i] - mean);
        for (int i = 0; i < y.Length; i++)
        {
            T w = y[i] > T.Zero ? lambda * (dy[i] - mean) : T.Zero;
            dLogits[i] += relaxed[i] * (w - dot) / temperature;
        }
    }
}
