using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AgentLab.Sparse;

/// <summary>
/// Single passes over a score row in the max-shifted, rescaled coordinates u = (x − max)·scale that every
/// thresholded map works in (the shift makes them exact for large offsets, docs/ALGORITHMS.md §1).
/// </summary>
internal static class ShiftedScores
{
    /// <summary>
    /// Keeps the entries with u_i &gt; cutoff (values and indices, ascending index) and returns how many.
    /// Each map's threshold is provably ≥ its cutoff, so the other entries are zero without being looked at
    /// again. <paramref name="nextBelow"/> is the largest u_i ≤ cutoff (−∞ if none); the sort-based solvers use
    /// it to evaluate the support condition one step past the candidates exactly as a full sort would.
    /// </summary>
    public static int GatherAbove<T>(ReadOnlySpan<T> x, T max, T scale, T cutoff, Span<T> values, Span<int> indices, out T nextBelow)
        where T : IFloatingPointIeee754<T>
    {
        int n = x.Length, count = 0, i = 0;
        T below = T.NegativeInfinity;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && n >= Vector<T>.Count)
        {
            int width = Vector<T>.Count;
            var vMax = new Vector<T>(max);
            var vScale = new Vector<T>(scale);
            var vCutoff = new Vector<T>(cutoff);
            var vNegInf = new Vector<T>(T.NegativeInfinity);
            var vBelow = vNegInf;
            ref T xr = ref MemoryMarshal.GetReference(x);
            for (; i <= n - width; i += width)
            {
                var u = (Vector.LoadUnsafe(ref xr, (nuint)i) - vMax) * vScale;
                var above = Vector.GreaterThan(u, vCutoff);
                vBelow = Vector.Max(vBelow, Vector.ConditionalSelect(above, vNegInf, u));
                // Candidates are rare (entries within a fixed distance of the max), so most chunks skip this.
                if (Vector.GreaterThanAny(u, vCutoff))
                {
                    for (int lane = 0; lane < width; lane++)
                    {
                        T v = u[lane];
                        if (v > cutoff)
                        {
                            values[count] = v;
                            indices[count] = i + lane;
                            count++;
                        }
                    }
                }
            }
            for (int lane = 0; lane < width; lane++)
                if (vBelow[lane] > below) below = vBelow[lane];
        }
        for (; i < n; i++)
        {
            T v = (x[i] - max) * scale;
            if (v > cutoff)
            {
                values[count] = v;
                indices[count] = i;
                count++;
            }
            else if (v > below)
            {
                below = v;
            }
        }
        nextBelow = below;
        return count;
    }

    /// <summary>dest = (x − max)·scale over the whole row (masked entries stay −∞).</summary>
    public static void ShiftScale<T>(ReadOnlySpan<T> x, T max, T scale, Span<T> dest) where T : IFloatingPointIeee754<T>
    {
        TensorPrimitives.Subtract(x, max, dest);
        if (scale != T.One) TensorPrimitives.Multiply(dest, scale, dest);
    }

    /// <summary>Copies the finite entries of a shifted row (the unmasked ones) into dest; returns how many.</summary>
    public static int GatherFinite<T>(ReadOnlySpan<T> u, Span<T> dest) where T : IFloatingPointIeee754<T>
    {
        int count = 0;
        for (int i = 0; i < u.Length; i++)
            if (u[i] > T.NegativeInfinity) dest[count++] = u[i];
        return count;
    }

    /// <summary>Writes the ascending indices of the strictly positive entries of p; returns how many.</summary>
    public static int CollectPositive<T>(ReadOnlySpan<T> p, Span<int> indices) where T : IFloatingPointIeee754<T>
    {
        int n = p.Length, count = 0, i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && n >= Vector<T>.Count)
        {
            int width = Vector<T>.Count;
            ref T pr = ref MemoryMarshal.GetReference(p);
            for (; i <= n - width; i += width)
            {
                var v = Vector.LoadUnsafe(ref pr, (nuint)i);
                if (!Vector.GreaterThanAny(v, Vector<T>.Zero)) continue;
                for (int lane = 0; lane < width; lane++)
                    if (v[lane] > T.Zero) indices[count++] = i + lane;
            }
        }
        for (; i < n; i++)
            if (p[i] > T.Zero) indices[count++] = i;
        return count;
    }

    /// <summary>The support of one row: from the forward pass when given, otherwise derived from p &gt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<int> SupportOf<T>(ReadOnlySpan<T> p, RowSupports? supports, int row, Span<int> scratch)
        where T : IFloatingPointIeee754<T>
    {
        if (supports is not null) return supports[row];
        int count = CollectPositive(p, scratch);
        return scratch[..count];
    }
}
