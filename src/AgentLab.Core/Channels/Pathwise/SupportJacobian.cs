using System.Numerics;

namespace AgentLab.Channels.Pathwise;

/// <summary>
/// The sparsemax Jacobian at an output y, applied to a cotangent: J = diag(1_S) − 1_S 1_Sᵀ/|S| with S the
/// support (y_i &gt; 0), so (J dy)_i = dy_i − mean_S dy on S and 0 elsewhere (docs/ALGORITHMS.md §3). J is
/// symmetric, so this is both the VJP and the JVP. Written here, allocation-free, because the channels
/// apply it row by row every step.
/// </summary>
internal static class SupportJacobian
{
    /// <summary>mean over the support of dy (0 for an empty support, which a sparsemax output never has).</summary>
    public static T SupportMean<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        int count = 0;
        for (int i = 0; i < y.Length; i++)
            if (y[i] > T.Zero) { sum += dy[i]; count++; }
        return count == 0 ? T.Zero : sum / T.CreateTruncating(count);
    }
}
