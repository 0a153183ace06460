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

    /// <summary>Σ_j [v_j − τ]₊ and the number of v_j &gt; τ (the sparsemax mass and minus its slope in τ).</summary>
    public static (T Sum, T Count) SumAndCount<T>(ReadOnlySpan<T> values, T tau) where T : IFloatingPointIeee754<T>
        => SumAndLowerPower(values, tau, squares: false);

    /// <summary>Σ_j [v_j − τ]₊² and Σ_j [v_j − τ]₊ (the 1.5-entmax mass and half minus its slope in τ).</summary>
    public static (T SumOfSquares, T Sum) SumOfSquaresAndSum<T>(ReadOnlySpan<T> values, T tau) where T : IFloatingPointIeee754<T>
        => SumAndLowerPower(values, tau, squares: true);

    /// <summary>One pass for Σ d^e and Σ d^(e−1) over d = [v − τ]₊ &gt; 0, e = 2 when squares, else 1.</summary>
    private static (T, T) SumAndLowerPower<T>(ReadOnlySpan<T> values, T tau, bool squares) where T : IFloatingPointIeee754<T>
    {
        int i = 0;
        T high = T.Zero, low = T.Zero;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && values.Length >= Vector256<T>.Count)
        {
            int width = Vector256<T>.Count;
            var vTau = Vector256.Create(tau);
            Vector256<T> accHigh = Vector256<T>.Zero, accLow = Vector256<T>.Zero;
            ref T vr = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - width; i += width)
            {
                var d = Vector256.Max(Vector256.LoadUnsafe(ref vr, (nuint)i) - vTau, Vector256<T>.Zero);
                if (squares)
                {
                    accHigh += d * d;
                    accLow += d;
                }
                else
                {
                    accHigh += d;
                    accLow += Vector256.ConditionalSelect(Vector256.GreaterThan(d, Vector256<T>.Zero), Vector256<T>.One, Vector256<T>.Zero);
                }
            }
            high = Vector256.Sum(accHigh);
            low = Vector256.Sum(accLow);
        }
        for (; i < values.Length; i++)
        {
            T d = values[i] - tau;
            if (!(d > T.Zero)) continue;
            high += squares ? d * d : d;
            low += squares ? d : T.One;
        }
        return (high, low);
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
