using AgentLab.Numerics;

namespace AgentLab.Channels.BitVector;

/// <summary>
/// The factorised posterior q(z) = Π_i Bernoulli(σ(s_i)) of the Monte Carlo and relaxed bit-vector channels,
/// and its KL to the uniform prior: KL = Σ_i [p_i log p_i + (1 − p_i) log(1 − p_i)] + D log 2, computed with
/// log p = −softplus(−s) and log(1 − p) = −softplus(s) so that saturated bits stay finite;
/// ∂KL/∂s_i = p_i (1 − p_i) s_i.
/// </summary>
public static class BernoulliBits
{
    public static double Probability(float score) => 1 / (1 + Math.Exp(-score));

    public static double KlToUniform(ReadOnlySpan<float> scores)
    {
        double sum = scores.Length * Math.Log(2);
        foreach (float s in scores)
        {
            double p = Probability(s);
            sum -= p * Softplus(-s) + (1 - p) * Softplus(s);
        }
        return sum;
    }

    /// <summary>dScores += scale · ∂KL/∂s.</summary>
    public static void AddKlGradient(ReadOnlySpan<float> scores, double scale, Span<float> dScores)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            double p = Probability(scores[i]);
            dScores[i] += (float)(scale * p * (1 - p) * scores[i]);
        }
    }

    /// <summary>z_i = 1 with probability σ(s_i), written as 0/1 floats.</summary>
    public static void Sample(ReadOnlySpan<float> scores, Rng rng, Span<float> z)
    {
        for (int i = 0; i < scores.Length; i++) z[i] = rng.NextUniformDouble() < Probability(scores[i]) ? 1f : 0f;
    }

    /// <summary>log q(z) for a 0/1 vector z.</summary>
    public static double LogProbability(ReadOnlySpan<float> scores, ReadOnlySpan<float> z)
    {
        double sum = 0;
        for (int i = 0; i < scores.Length; i++) sum -= z[i] > 0.5f ? Softplus(-scores[i]) : Softplus(scores[i]);
        return sum;
    }

    /// <summary>log(1 + e^x) without overflow.</summary>
    public static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));
}
