using System.Numerics;
using System.Numerics.Tensors;

namespace AgentLab.Memory;

/// <summary>Row-wise forward and VJP of the <see cref="PostTransform"/>s, generic over float and double.</summary>
internal static class PostTransformKernel
{
    /// <summary>The reference's (PyTorch's) LayerNorm epsilon, inside the square root.</summary>
    public const double LayerNormEpsilon = 1e-5;

    /// <summary>Applies the post-transformation to every row of <paramref name="rows"/> (length rows·cols) in place.</summary>
    public static void ApplyRows<T>(PostTransform post, Span<T> rows, int cols) where T : IFloatingPointIeee754<T>
    {
        if (post == PostTransform.Identity || cols == 0) return;
        for (int start = 0; start < rows.Length; start += cols) Apply(post, rows.Slice(start, cols));
    }

    /// <summary>Applies the post-transformation to one row in place.</summary>
    public static void Apply<T>(PostTransform post, Span<T> row) where T : IFloatingPointIeee754<T>
    {
        switch (post)
        {
            case PostTransform.Identity:
                return;
            case PostTransform.L2:
            {
                T norm = TensorPrimitives.Norm<T>(row);
                if (norm > T.Zero) TensorPrimitives.Divide(row, norm, row);
                return;
            }
            case PostTransform.LayerNorm:
            {
                T n = T.CreateTruncating(row.Length);
                T mean = TensorPrimitives.Sum<T>(row) / n;
                TensorPrimitives.Subtract(row, mean, row);
                T variance = TensorPrimitives.Dot<T>(row, row) / n;
                TensorPrimitives.Divide(row, T.Sqrt(variance + T.CreateTruncating(LayerNormEpsilon)), row);
                return;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(post), post, "unknown post-transformation");
        }
    }

    /// <summary>
    /// VJP of one row: dz += J(z)ᵀ g, given the input z and the output y = post(z). L2: J = (I − yyᵀ)/‖z‖;
    /// layer norm: dz = (g − mean g − y·mean(g⊙y))/s with s = sqrt(var z + eps).
    /// </summary>
    public static void BackwardAdd<T>(PostTransform post, ReadOnlySpan<T> z, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dz)
        where T : IFloatingPointIeee754<T>
    {
        switch (post)
        {
            case PostTransform.Identity:
                TensorPrimitives.Add(dz, g, dz);
                return;
            case PostTransform.L2:
            {
                T inverseNorm = AffineForm(post, z).Scale;
                if (!(inverseNorm > T.Zero)) return; // the zero vector is a kink; its subgradient 0 is used
                T yg = TensorPrimitives.Dot(y, g);
                for (int i = 0; i < dz.Length; i++) dz[i] += (g[i] - y[i] * yg) * inverseNorm;
                return;
            }
            case PostTransform.LayerNorm:
            {
                T inverseStd = AffineForm(post, z).Scale, n = T.CreateTruncating(z.Length);
                T meanG = TensorPrimitives.Sum(g) / n;
                T meanGy = TensorPrimitives.Dot(g, y) / n;
                for (int i = 0; i < dz.Length; i++) dz[i] += (g[i] - meanG - y[i] * meanGy) * inverseStd;
                return;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(post), post, "unknown post-transformation");
        }
    }

    /// <summary>
    /// The affine form of post(z) seen through a linear map: post(z) = scale·(z − offset·1) (identity: 1, 0;
    /// l2: 1/‖z‖, 0 (0, 0 for z = 0); layer norm: 1/sqrt(var z + eps), mean z).
    /// </summary>
    public static (T Scale, T Offset) AffineForm<T>(PostTransform post, ReadOnlySpan<T> z) where T : IFloatingPointIeee754<T>
    {
        switch (post)
        {
            case PostTransform.Identity:
                return (T.One, T.Zero);
            case PostTransform.L2:
            {
                T norm = TensorPrimitives.Norm(z);
                return (norm > T.Zero ? T.One / norm : T.Zero, T.Zero);
            }
            case PostTransform.LayerNorm:
            {
                T n = T.CreateTruncating(z.Length);
                T mean = TensorPrimitives.Sum(z) / n;
                T variance = T.Zero;
                foreach (T v in z) variance += (v - mean) * (v - mean);
                variance /= n;
                return (T.One / T.Sqrt(variance + T.CreateTruncating(LayerNormEpsilon)), mean);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(post), post, "unknown post-transformation");
        }
    }
}
