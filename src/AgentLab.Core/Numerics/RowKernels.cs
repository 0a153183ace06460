using System.Numerics;
using System.Numerics.Tensors;

namespace AgentLab.Numerics;

/// <summary>
/// Per-row kernels used by the tape ops and the channels. The softmax family is implemented once, in
/// AgentLab.Sparse.Softmax (generic over float and double); these are its float32 shorthands.
/// </summary>
public static class RowKernels
{
    /// <summary>p = softmax(x); -inf entries give 0; NaN, +inf or an all-masked row is an error. (Sparse.Softmax.)</summary>
    public static void Softmax(ReadOnlySpan<float> x, Span<float> p) => AgentLab.Sparse.Softmax.Forward(x, p, 1f);

    /// <summary>log Σ exp(x), computed around the max so it never overflows. (Sparse.Softmax.)</summary>
    public static float LogSumExp(ReadOnlySpan<float> x) => AgentLab.Sparse.Softmax.LogSumExp(x, 1f);

    /// <summary>Index of the largest entry; the first one on ties (as torch.argmax on CPU).</summary>
    public static int ArgMax<T>(ReadOnlySpan<T> x) where T : INumber<T>
    {
        int best = 0;
        for (int i = 1; i < x.Length; i++) if (x[i] > x[best]) best = i;
        return best;
    }
}
