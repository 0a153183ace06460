using System.Numerics;
using AgentLab.Sparse;

namespace AgentLab.Channels.Pathwise;

/// <summary>
/// One Gaussian-Sparsemax sample and its pathwise VJP (docs/ALGORITHMS.md §8.4): y = sparsemax(l + σn) for
/// given standard normal noise n. Every face of the simplex has positive probability, so y is a mixed
/// random variable: a vertex (one nonzero), an edge, ... or the interior. Given n, y is piecewise linear in
/// l, so the VJP is the sparsemax Jacobian at l + σn.
/// </summary>
public static class GaussianSparsemaxSample
{
    /// <summary>Writes the perturbed scores l + σn and y; returns the support size (nonzeros of y).</summary>
    public static int Forward<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> normals, T sigma, Span<T> perturbed, Span<T> y)
        where T : IFloatingPointIeee754<T>
    {
        RowLengths.Check(logits.Length, normals.Length, y.Length);
        RowLengths.Check(logits.Length, perturbed.Length, y.Length);
        for (int i = 0; i < logits.Length; i++) perturbed[i] = logits[i] + sigma * normals[i];
        return Sparsemax.Forward<T>(perturbed, y, T.One).SupportSize;
    }

    /// <summary>dLogits += J_sparsemax(l + σn)·dy, from the sample y (its support is all the Jacobian needs).</summary>
    public static void AddVjp<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dLogits) where T : IFloatingPointIeee754<T>
    {
        RowLengths.Check(y.Length, dy.Length, dLogits.Length);
        T mean = SupportJacobian.SupportMean(y, dy);
        for (int i = 0; i < y.Length; i++)
            if (y[i] > T.Zero) dLogits[i] += dy[i] - mean;
    }
}
