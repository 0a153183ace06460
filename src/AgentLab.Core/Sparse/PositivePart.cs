using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AgentLab.Sparse;

/// <summary>
/// Vectorized Σ_j [v_j − τ]₊^e for e ∈ {1, 2, 4}: the mass functions every threshold search evaluates
/// over a row's candidates. A scalar loop with a data-dependent max mispredicts on about every other
/// entry, which made these sums the dominant cost of bisection.
/// </summary>
internal static class PositivePart
{
    public static T Sum<T>(ReadOnlySpan<T> values, T tau) where T : IFloatingPointIeee754<T> => Sum(values, tau, 1);

    public static T SumOfSquares<T>(ReadOnlySpan<T> values, T tau) where T : IFloatingPointIeee754<T> => Sum(values, tau, 2);

    public static T SumOfFourthPowers<T>(ReadOnlySpan<T> values, T tau) where T : IFloatingPointIeee754<T> => Sum(values, tau, 4);

    /// <summary>
    /// One pass for the number of v_j &gt; τ, Σ_j [v_j − τ]₊ and Σ_j [v_j − τ]₊²: the mass and slope of
    /// sparsemax and 1.5-entmax at τ, for their Newton steps.
    /// </summary>
    public static (T Count, T Sum, T SumOfSquares) Moments<T>(ReadOnlySpan<T> values, T tau) where T : IFloatingPointIeee754<T>
    {
        int i = 0;
        T count = T.Zero, sum = T.Zero, sumOfSquares = T.Zero;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && values.Length >= Vector256<T>.Count)
        {
            int width = Vector256<T>.Count;
            var vTau = Vector256.Create(tau);
            Vector256<T> accCount = Vector256<T>.Zero, accSum = Vector256<T>.Zero, accSquares = Vector256<T>.Zero;
            ref T vr = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - width; i += width)
            {
                var d = Vector256.LoadUnsafe(ref vr, (nuint)i) - vTau;
                var positive = Vector256.GreaterThan(d, Vector256<T>.Zero);
                d = Vector256.ConditionalSelect(positive, d, Vector256<T>.Zero);
                accCount += Vector256.ConditionalSelect(positive, Vector256<T>.One, Vector256<T>.Zero);
                accSum += d;
                accSquares += d * d;
            }
            count = Vector256.Sum(accCount);
            sum = Vector256.Sum(accSum);
            sumOfSquares = Vector256.Sum(accSquares);
        }
        for (; i < values.Length; i++)
        {
            T d = values[i] - tau;
            if (!(d > T.Zero)) continue;
            count += T.One;
            sum += d;
            sumOfSquares += d * d;
        }
        return (count, sum, sumOfSquares);
    }

    private static T Sum<T>(ReadOnlySpan<T> values, T tau, int power) where T : IFloatingPointIeee754<T>
    {
        int i = 0;
        T sum = T.Zero;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && values.Length >= Vector256<T>.Count)
        {
            int width = Vector256<T>.Count;
            var vTau = Vector256.Create(tau);
            var acc = Vector256<T>.Zero;
            ref T vr = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - width; i += width)
            {
                var d = Vector256.Max(Vector256.LoadUnsafe(ref vr, (nuint)i) - vTau, Vector256<T>.Zero);
                if (power >= 2) d *= d;
                if (power == 4) d *= d;
                acc += d;
            }
            sum = Vector256.Sum(acc);
        }
        for (; i < values.Length; i++)
        {
            T d = values[i] - tau;
            if (!(d > T.Zero)) continue;
            if (power >= 2) d *= d;
            if (power == 4) d *= d;
            sum += d;
        }
        return sum;
    }
}
