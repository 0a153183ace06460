using System.Numerics;

namespace AgentLab.Sparse;

/// <summary>
/// Row-wise threshold bisection shared by α-entmax and α-normmax (docs/ALGORITHMS.md §5):
/// on X = (x − max)·scale (so max X = 0), find τ ∈ [−1, −d^−(α−1)] with Σ[X − τ]₊^objective = 1,
/// then output q = [X − τ]₊^output normalised to sum 1.
/// </summary>
internal static class BisectionMap
{
    /// <summary>How a map instantiates the bisection.</summary>
    /// <param name="ScalePerInverseTemperature">X = (x − max)·this·(1/T): α − 1 for entmax, 1 for normmax.</param>
    /// <param name="AlphaMinusOne">Sets the upper bracket τ_hi = −d^−(α−1).</param>
    /// <param name="Objective">Exponent inside the root-finding sum.</param>
    /// <param name="Output">Exponent of the returned (unnormalised) probabilities.</param>
    internal readonly record struct Spec<T>(T ScalePerInverseTemperature, T AlphaMinusOne, Power<T> Objective, Power<T> Output)
        where T : IFloatingPointIeee754<T>;

    public static void ForwardRows<T>(ReadOnlySpan<T> scores, Span<T> probs, int rows, int cols, T temperature, Spec<T> spec,
        int iterations, RowSupports? supports)
        where T : IFloatingPointIeee754<T>
    {
        InputChecks.Batch(rows, cols, scores.Length, nameof(scores));
        InputChecks.Batch(rows, cols, probs.Length, nameof(probs));
        InputChecks.Iterations(iterations);
        T inverseTemperature = InputChecks.InverseTemperature(temperature);
        supports?.Reset(rows, cols);
        using var scratch = new RowScratch<T>(cols);
        for (int r = 0; r < rows; r++)
        {
            Span<int> support = supports is null ? scratch.Indices : supports.RowBuffer(r);
            int count = ForwardRow(scores.Slice(r * cols, cols), probs.Slice(r * cols, cols), inverseTemperature, spec, iterations,
                scratch, support, r);
            supports?.SetCount(r, count);
        }
    }

    /// <summary>One row; writes p and the ascending support (which may alias scratch.Indices); returns |S|.</summary>
    private static int ForwardRow<T>(ReadOnlySpan<T> x, Span<T> p, T inverseTemperature, Spec<T> spec, int iterations,
        RowScratch<T> scratch, Span<int> support, int rowIndex)
        where T : IFloatingPointIeee754<T>
    {
        T max = InputChecks.MaxOfScores(x, rowIndex);
        T scale = spec.ScalePerInverseTemperature * inverseTemperature;
        // τ never drops below τ_lo = −1, so entries with X ≤ −1 contribute exactly 0 throughout: leave them out.
        Span<T> values = scratch.Values;
        Span<int> indices = scratch.Indices;
        int candidates = ShiftedScores.GatherAbove(x, max, scale, -T.One, values, indices);
        Span<T> active = values[..candidates];

        T tauLow = -T.One;
        T tauHigh = -T.Pow(T.CreateTruncating(x.Length), -spec.AlphaMinusOne);
        T width = tauHigh - tauLow;
        T tau = tauLow;
        for (int it = 0; it < iterations; it++)
        {
            width /= T.One + T.One;
            T middle = tauLow + width;
            // Once the step no longer moves τ (float after ~24 halvings), every later iterate equals τ_lo:
            // stopping here returns exactly what the remaining iterations would.
            if (middle == tauLow)
            {
                tau = tauLow;
                break;
            }
            tau = middle;
            if (spec.Objective.SumOfPositivePart(active, middle) - T.One >= T.Zero) tauLow = middle;
        }

        T sum = T.Zero;
        for (int j = 0; j < candidates; j++)
        {
            T d = values[j] - tau;
            T q = d > T.Zero ? spec.Output.Of(d) : T.Zero;
            values[j] = q;
            sum += q;
        }
        if (!(sum > T.Zero) || !T.IsFinite(sum))
            throw new ArgumentException(
                $"row {rowIndex}: the bisection output under/overflowed in {typeof(T).Name}; alpha is too close to 1 (or too large) for this precision (use softmax for alpha < 1.001, or double)",
                "alpha");

        p.Clear();
        int count = 0;
        for (int j = 0; j < candidates; j++)
        {
            T v = values[j] / sum; // ensure_sum_one, as the reference
            if (v > T.Zero)
            {
                int i = indices[j];
                p[i] = v;
                support[count++] = i;
            }
        }
        return count;
    }
}
