using System.Numerics;

namespace AgentLab.Channels.Pathwise;

/// <summary>
/// Gaussian-Sparsemax over independent bits (the bit-vector VAE, docs/ALGORITHMS.md §8.5): bit i is the
/// first coordinate of sparsemax([l_i, 1 − l_i] + σ[n0_i, n1_i]) = clip(l_i + σ(n0_i − n1_i)/2, 0, 1), a
/// point mass at 0, a point mass at 1 and a density in between. Its noise std is σ/√2 (see
/// <see cref="MixedInformation.BitGaussianSparsemaxEntropy"/> for what that means for the entropy).
/// </summary>
public static class BitGaussianSparsemaxSample
{
    public static void Forward<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> normals0, ReadOnlySpan<T> normals1, T sigma, Span<T> y)
        where T : IFloatingPointIeee754<T>
    {
        RowLengths.Check(logits.Length, normals0.Length, normals1.Length);
        RowLengths.Check(logits.Length, y.Length, y.Length);
        T half = T.One / (T.One + T.One);
        for (int i = 0; i < logits.Length; i++)
            y[i] = T.Clamp(logits[i] + sigma * (normals0[i] - normals1[i]) * half, T.Zero, T.One);
    }

    /// <summary>dLogits += dy on the open interval (0, 1); the clipped bits get no gradient.</summary>
    public static void AddVjp<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dLogits) where T : IFloatingPointIeee754<T>
    {
        RowLengths.Check(y.Length, dy.Length, dLogits.Length);
        for (int i = 0; i < y.Length; i++)
            if (y[i] > T.Zero && y[i] < T.One) dLogits[i] += dy[i];
    }
}
