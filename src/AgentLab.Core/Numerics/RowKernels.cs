using System.Numerics.Tensors;

namespace AgentLab.Numerics;

/// <summary>Numerically safe per-row kernels shared by the tape ops and the layers above them.</summary>
public static class RowKernels
{
    /// <summary>p = exp(x − max) / Σ exp(x − max); -inf entries give 0. Throws on NaN.</summary>
    public static void Softmax(ReadOnlySpan<float> x, Span<float> p)
    {
        float max = MaxFinite(x);
        TensorPrimitives.Subtract(x, max, p);
        TensorPrimitives.Exp(p, p);
        TensorPrimitives.Multiply(p, 1f / TensorPrimitives.Sum(p), p);
    }

    /// <summary>log Σ exp(x), computed around the max so it never overflows.</summary>
    public static float LogSumExp(ReadOnlySpan<float> x)
    {
        float max = MaxFinite(x);
        if (x.Length > StackRow)
        {
            float sum = 0f;
            foreach (float v in x) sum += MathF.Exp(v - max);
            return max + MathF.Log(sum);
        }
        Span<float> shifted = stackalloc float[x.Length];
        TensorPrimitives.Subtract(x, max, shifted);
        TensorPrimitives.Exp(shifted, shifted);
        return max + MathF.Log(TensorPrimitives.Sum(shifted));
    }

    /// <summary>Rows up to this length get vectorised scratch on the stack.</summary>
    internal const int StackRow = 1024;

    /// <summary>The largest entry; every entry -inf (nothing to normalise) or any NaN is an error.</summary>
    public static float MaxFinite(ReadOnlySpan<float> x)
    {
        float max = TensorPrimitives.Max(x);
        if (float.IsNaN(max)) throw new ArgumentException("row contains NaN");
        if (float.IsNegativeInfinity(max)) throw new ArgumentException("row has no finite entry (all masked with -inf)");
        if (float.IsPositiveInfinity(max)) throw new ArgumentException("row contains +inf");
        return max;
    }

    /// <summary>Index of the largest entry; the first one on ties (as torch.argmax on CPU).</summary>
    public static int ArgMax(ReadOnlySpan<float> x)
    {
        int best = 0;
        for (int i = 1; i < x.Length; i++) if (x[i] > x[best]) best = i;
        return best;
    }
}
