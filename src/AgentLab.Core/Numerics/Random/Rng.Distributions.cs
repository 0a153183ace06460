namespace AgentLab.Numerics;

// Non-uniform scalar draws: normal, Gumbel and categorical.
public sealed partial class Rng
{
    /// <summary>A standard normal float (mean 0, variance 1); see <see cref="NextNormalDouble"/>.</summary>
    public float NextNormal() => (float)NextNormalDouble();

    /// <summary>
    /// A standard normal double by the Box-Muller transform. Each call consumes exactly two
    /// draws and returns the cosine branch; the sine branch is discarded rather than cached so
    /// that <see cref="GetState"/> stays just the generator words. (<see cref="FillNormal"/>
    /// uses both branches.)
    /// </summary>
    public double NextNormalDouble() => NextNormalPair().Cosine;

    /// <summary>A standard Gumbel float; see <see cref="NextGumbelDouble"/>.</summary>
    public float NextGumbel() => (float)NextGumbelDouble();

    /// <summary>
    /// A standard Gumbel double, -log(-log u) (mean = Euler-Mascheroni 0.5772..., variance
    /// pi^2/6), for the Gumbel-max trick and Gumbel-softmax. u comes from
    /// <see cref="NextUniformOpenDouble"/>, so it already lies in [2^-53, 1 - 2^-53]: both logs are
    /// finite and the result stays within about [-3.6, 36.7], never infinite.
    /// </summary>
    public double NextGumbelDouble() => -Math.Log(-Math.Log(NextUniformOpenDouble()));

    /// <summary>
    /// Draws index i with probability probs[i] / sum(probs) by inverse CDF. The weights need not
    /// sum to exactly 1 (they are normalised by their sum), and an index whose weight is zero is
    /// never returned, even at the rounding edge of the CDF.
    /// </summary>
    /// <exception cref="ArgumentException">A weight is negative, NaN or infinite, or all weights are zero.</exception>
    public int NextCategorical(ReadOnlySpan<float> probs)
    {
        double total = 0;
        int lastPositive = -1;
        for (int i = 0; i < probs.Length; i++)
        {
            float p = probs[i];
            if (!(p >= 0) || float.IsPositiveInfinity(p))
                throw new ArgumentException($"NextCategorical: probs[{i}] = {p}; weights must be finite and non-negative", nameof(probs));
            if (p > 0) lastPositive = i;
            total += p;
        }
        if (lastPositive < 0)
            throw new ArgumentException($"NextCategorical: all {probs.Length} weights are zero; nothing to draw", nameof(probs));

        double target = NextUniformDouble() * total;
        double cumulative = 0;
        for (int i = 0; i < lastPositive; i++)
        {
            // Adding a zero weight leaves cumulative unchanged, so target < cumulative can only
            // first become true at an index with positive weight.
            cumulative += probs[i];
            if (target < cumulative) return i;
        }
        // Rounding in target = u * total can reach total itself; the last positive weight takes it.
        return lastPositive;
    }

    private (double Cosine, double Sine) NextNormalPair()
    {
        // u1 is open at 0 so the log is finite; u2 only sets the angle, so [0, 1) is right.
        double radius = Math.Sqrt(-2.0 * Math.Log(NextUniformOpenDouble()));
        var (sine, cosine) = Math.SinCos(2.0 * Math.PI * NextUniformDouble());
        return (radius * cosine, radius * sine);
    }
}
