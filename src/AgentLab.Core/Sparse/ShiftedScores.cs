using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    /// again. <paramref name="values"/> and <paramref name="indices"/> need x.Length slots.
    /// </summary>
    public static int GatherAbove<T>(ReadOnlySpan<T> x, T max, T scale, T cutoff, Span<T> values, Span<int> indices)
        where T : IFloatingPointIeee754<T>
    {
        int n = x.Length, count = 0, i = 0;
        if (values.Length < n || indices.Length < n) throw new ArgumentException("gather buffers are shorter than the row");
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && n >= Vector256<T>.Count)
        {
            int width = Vector256<T>.Count;
            var vMax = Vector256.Create(max);
            var vScale = Vector256.Create(scale);
            var vCutoff = Vector256.Create(cutoff);
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T vr = ref MemoryMarshal.GetReference(values);
            ref int ir = ref MemoryMarshal.GetReference(indices);
            for (; i <= n - width; i += width)
            {
                var u = (Vector256.LoadUnsafe(ref xr, (nuint)i) - vMax) * vScale;
                // No early exit for chunks without candidates: whether a chunk has one is random, so that
                // branch mispredicts often and costs more than the left-pack it would skip.
                uint mask = Vector256.ExtractMostSignificantBits(Vector256.GreaterThan(u, vCutoff));
                count = Compact(u, Vector256.Create(i) + LeftPackTable.Lanes, mask, ref vr, ref ir, count);
            }
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
        }
        return count;
    }

    /// <summary>
    /// The largest u_i = (x_i − max)·scale that is ≤ cutoff (−∞ if none): the first value a full sort would
    /// place after the candidates of <see cref="GatherAbove{T}"/>. Needed only when every candidate is in
    /// the support, so it is a separate (rare) pass.
    /// </summary>
    public static T LargestAtOrBelow<T>(ReadOnlySpan<T> x, T max, T scale, T cutoff) where T : IFloatingPointIeee754<T>
    {
        int n = x.Length, i = 0;
        T below = T.NegativeInfinity;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && n >= Vector256<T>.Count)
        {
            int width = Vector256<T>.Count;
            var vMax = Vector256.Create(max);
            var vScale = Vector256.Create(scale);
            var vCutoff = Vector256.Create(cutoff);
            var vBelow = Vector256.Create(T.NegativeInfinity);
            ref T xr = ref MemoryMarshal.GetReference(x);
            for (; i <= n - width; i += width)
            {
                var u = (Vector256.LoadUnsafe(ref xr, (nuint)i) - vMax) * vScale;
                vBelow = Vector256.Max(vBelow, Vector256.ConditionalSelect(Vector256.GreaterThan(u, vCutoff), Vector256.Create(T.NegativeInfinity), u));
            }
            below = HorizontalMax(vBelow);
        }
        for (; i < n; i++)
        {
            T v = (x[i] - max) * scale;
            if (!(v > cutoff) && v > below) below = v;
        }
        return below;
    }

    /// <summary>
    /// Narrows gathered candidates: keeps the values above <paramref name="lower"/> in
    /// <paramref name="kept"/> and their indices (in place, order kept), and returns how many, with the
    /// largest value at or below the bound (−∞ if none) in <paramref name="largestAtOrBelow"/>.
    /// </summary>
    public static int KeepAbove<T>(ReadOnlySpan<T> values, Span<int> indices, T lower, Span<T> kept, out T largestAtOrBelow)
        where T : IFloatingPointIeee754<T>
    {
        int n = values.Length, count = 0, j = 0;
        if (indices.Length < n || kept.Length < n) throw new ArgumentException("filter buffers are shorter than the candidates");
        T below = T.NegativeInfinity;
        if (Avx2.IsSupported && typeof(T) == typeof(float) && n >= Vector256<T>.Count)
        {
            int width = Vector256<T>.Count;
            var vLower = Vector256.Create(lower);
            var vBelow = Vector256.Create(T.NegativeInfinity);
            ref T vr = ref MemoryMarshal.GetReference(values);
            ref T kr = ref MemoryMarshal.GetReference(kept);
            ref int ir = ref MemoryMarshal.GetReference(indices);
            for (; j <= n - width; j += width)
            {
                var v = Vector256.LoadUnsafe(ref vr, (nuint)j);
                var keep = Vector256.GreaterThan(v, vLower);
                vBelow = Vector256.Max(vBelow, Vector256.ConditionalSelect(keep, Vector256.Create(T.NegativeInfinity), v));
                // The block's indices are loaded before the store below, which never reaches past them (count ≤ j).
                var columns = Vector256.LoadUnsafe(ref ir, (nuint)j);
                count = Compact(v, columns, Vector256.ExtractMostSignificantBits(keep), ref kr, ref ir, count);
            }
            below = HorizontalMax(vBelow);
        }
        for (; j < n; j++)
        {
            T v = values[j];
            bool keep = v > lower;
            indices[count] = indices[j];
            kept[count] = v;
            count += keep ? 1 : 0;
            below = keep ? below : T.Max(below, v);
        }
        largestAtOrBelow = below;
        return count;
    }

    private static T HorizontalMax<T>(Vector256<T> v) where T : IFloatingPointIeee754<T>
    {
        T max = v[0];
        for (int lane = 1; lane < Vector256<T>.Count; lane++) max = T.Max(max, v[lane]);
        return max;
    }

    /// <summary>
    /// Appends the lanes of u selected by mask at values[count..] (and the matching lanes of
    /// <paramref name="columns"/> at indices[count..]), in lane order. With AVX2 and float this is a
    /// left-pack: one permutation from a table indexed by the mask, two stores and a popcount. Otherwise the
    /// whole vector is stored and every lane is moved down to slot count, advancing count only for
    /// selected lanes (reads are never below writes since count ≤ origin + lane). Neither has a
    /// data-dependent branch per lane: looping over the set bits mispredicts on almost every chunk because
    /// the number of candidates per chunk is random. Stores stay inside the source's length because count is
    /// at most the source position of the vector.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Compact<T>(Vector256<T> u, Vector256<int> columns, uint mask, ref T values, ref int indices, int count)
        where T : IFloatingPointIeee754<T>
    {
        if (Avx2.IsSupported && typeof(T) == typeof(float))
        {
            var permutation = Vector256.LoadUnsafe(ref LeftPackTable.Entry(mask));
            var packed = Avx2.PermuteVar8x32(u.As<T, float>(), permutation);
            Vector256.StoreUnsafe(packed.As<float, T>(), ref values, (nuint)count);
            Vector256.StoreUnsafe(Avx2.PermuteVar8x32(columns, permutation), ref indices, (nuint)count);
            return count + BitOperations.PopCount(mask);
        }
        int origin = count;
        Vector256.StoreUnsafe(u, ref values, (nuint)origin);
        for (int lane = 0; lane < Vector256<T>.Count; lane++)
        {
            Unsafe.Add(ref values, count) = Unsafe.Add(ref values, origin + lane);
            Unsafe.Add(ref indices, count) = columns[lane];
            count += (int)((mask >> lane) & 1);
        }
        return count;
    }

    /// <summary>
    /// dest = exp((x − max)·scale) over the whole row (masked entries give 0); returns Σ dest. One pass
    /// instead of separate shift, scale, exp and sum passes (each a call with its own setup and a trip
    /// through the row).
    /// </summary>
    public static T ExpShifted<T>(ReadOnlySpan<T> x, T max, T scale, Span<T> dest) where T : IFloatingPointIeee754<T>
    {
        int n = x.Length, i = 0;
        if (dest.Length < n) throw new ArgumentException("destination is shorter than the row");
        T sum = T.Zero;
        // 256-bit lanes: measured no slower than 512-bit here, where the pass is bound by memory.
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double)))
        {
            int width = Vector256<T>.Count;
            var vMax = Vector256.Create(max);
            var vScale = Vector256.Create(scale);
            var acc = Vector256<T>.Zero;
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T dr = ref MemoryMarshal.GetReference(dest);
            for (; i <= n - width; i += width)
            {
                var e = Exp((Vector256.LoadUnsafe(ref xr, (nuint)i) - vMax) * vScale);
                Vector256.StoreUnsafe(e, ref dr, (nuint)i);
                acc += e;
            }
            sum = Vector256.Sum(acc);
        }
        for (; i < n; i++)
        {
            T e = T.Exp((x[i] - max) * scale);
            dest[i] = e;
            sum += e;
        }
        return sum;
    }

    private static Vector256<T> Exp<T>(Vector256<T> v) where T : IFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Vector256.Exp(v.As<T, float>()).As<float, T>() : Vector256.Exp(v.As<T, double>()).As<double, T>();

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
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && n >= Vector256<T>.Count)
        {
            int width = Vector256<T>.Count;
            ref T pr = ref MemoryMarshal.GetReference(p);
            for (; i <= n - width; i += width)
            {
                uint mask = Vector256.ExtractMostSignificantBits(Vector256.GreaterThan(Vector256.LoadUnsafe(ref pr, (nuint)i), Vector256<T>.Zero));
                while (mask != 0)
                {
                    indices[count++] = i + BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                }
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
