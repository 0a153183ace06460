using System.Numerics;

namespace AgentLab.Channels.Pathwise;

/// <summary>
/// Hard Concrete bits (Louizos et al. 2018; docs/ALGORITHMS.md §8.6): a Binary Concrete sample r is
/// stretched to (lower, upper) ⊃ [0, 1] and clipped, y = clamp(lower + (upper − lower)·r, 0, 1), so y has
/// point masses at 0 and 1 and a density in between. The gradient is zero where the clip is active.
/// </summary>
public static class HardConcreteBitSample
{
    public const double DefaultLower = -0.1, DefaultUpper = 1.1;

    /// <summary>Writes the Binary Concrete sample r and y.</summary>
    public static void Forward<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> uniforms, T temperature, T lower, T upper, Span<T> relaxed, Span<T> y)
        where T : IFloatingPointIeee754<T>
    {
        CheckStretch(lower, upper);
        BinaryConcreteSample.Forward(logits, uniforms, temperature, relaxed);
        RowLengths.Check(logits.Length, y.Length, relaxed.Length);
        for (int i = 0; i < y.Length; i++) y[i] = T.Clamp(lower + (upper - lower) * relaxed[i], T.Zero, T.One);
    }

    /// <summary>dLogits += dy·(upper − lower)·r(1 − r)/τ inside (0, 1); 0 on the clipped bits and where p is clamped.</summary>
    public static void AddVjp<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> relaxed, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, T temperature,
        T lower, T upper, Span<T> dLogits)
        where T : IFloatingPointIeee754<T>
    {
        RowLengths.Check(logits.Length, relaxed.Length, y.Length);
        RowLengths.Check(logits.Length, dy.Length, dLogits.Length);
        for (int i = 0; i < y.Length; i++)
        {
            if (!(y[i] > T.Zero && y[i] < T.One)) continue;
            BinaryConcreteSample.ClampedLogit(logits[i], out bool clamped);
            if (!clamped) dLogits[i] += dy[i] * (upper - lower) * relaxed[i] * (T.One - relaxed[i]) / temperature;
        }
    }

    /// <summary>
    /// The exact point masses P(y = 0) = F(0) and P(y = 1) = 1 − F(1), F the distribution function of the
    /// stretched variable. r ≤ c ⇔ logit u ≤ τ·logit c − logit p with logit u standard logistic, so
    /// F(x) = sigmoid(τ·logit((x − lower)/(upper − lower)) − logit p).
    /// </summary>
    public static BitFaceProbabilities FaceProbabilities(double logit, double temperature, double lower = DefaultLower, double upper = DefaultUpper)
    {
        CheckStretch(lower, upper);
        double logitP = BinaryConcreteSample.ClampedLogit(logit, out _);
        return new BitFaceProbabilities(StretchedCdf(0, logitP, temperature, lower, upper), 1 - StretchedCdf(1, logitP, temperature, lower, upper));
    }

    /// <summary>
    /// The reference's point masses, which the golden file records. They are not P(y = 0), P(y = 1): the
    /// golden numbers are reproduced (to 1e-16) by evaluating the Binary Concrete distribution function at
    /// the smoothed points (c + ε)/(1 + 2ε), ε = 1e-4, instead of at c = −lower/(upper − lower) and
    /// (1 − lower)/(upper − lower), then clamping to [ε, 1 − ε]. They exceed the exact masses by ~0.05–0.1%
    /// relative; <see cref="FaceProbabilities"/> is the exact law.
    /// </summary>
    public static BitFaceProbabilities ReferenceFaceProbabilities(double logit, double temperature, double lower = DefaultLower,
        double upper = DefaultUpper)
    {
        const double Margin = 1e-4;
        CheckStretch(lower, upper);
        double logitP = BinaryConcreteSample.ClampedLogit(logit, out _);
        double zero = ConcreteCdf(Smoothed(-lower / (upper - lower)), logitP, temperature);
        double one = 1 - ConcreteCdf(Smoothed((1 - lower) / (upper - lower)), logitP, temperature);
        return new BitFaceProbabilities(Math.Clamp(zero, Margin, 1 - Margin), Math.Clamp(one, Margin, 1 - Margin));

        static double Smoothed(double c) => (c + Margin) / (1 + 2 * Margin);
    }

    private static double StretchedCdf(double x, double logitP, double temperature, double lower, double upper) =>
        ConcreteCdf((x - lower) / (upper - lower), logitP, temperature);

    /// <summary>P(r ≤ c) for the Binary Concrete r.</summary>
    private static double ConcreteCdf(double c, double logitP, double temperature) =>
        BinaryConcreteSample.Sigmoid(temperature * BinaryConcreteSample.Logit(c) - logitP);

    private static void CheckStretch<T>(T lower, T upper) where T : IFloatingPointIeee754<T>
    {
        if (!(lower < T.Zero && upper > T.One))
            throw new ArgumentOutOfRangeException(nameof(lower), $"the stretch ({lower}, {upper}) must contain [0, 1] with room on both sides");
    }
}
