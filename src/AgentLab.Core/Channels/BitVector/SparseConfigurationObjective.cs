namespace AgentLab.Channels.BitVector;

/// <summary>
/// The exact negative ELBO of a sparse distribution w over configurations with a uniform prior on {0,1}^D
/// (docs/ALGORITHMS.md §7.4(b)): Σ_j w_j ℓ(z_j) + Σ_j w_j log w_j + D log 2, summed over the support only.
/// Its derivative with respect to w_j is ℓ_j + log w_j + 1; the constant 1 is harmless because every
/// sparse map's weight Jacobian has rows summing to zero. Weights at or below <see cref="ZeroWeight"/>
/// count as outside the support (the solvers' sums are exact only to about 1e-12).
/// </summary>
public static class SparseConfigurationObjective
{
    public const double ZeroWeight = 1e-12;

    /// <summary>KL(w ‖ uniform) = D log 2 + Σ w log w over the weights in the support.</summary>
    public static double KlToUniform(ReadOnlySpan<double> weights, int bits)
    {
        double sum = bits * Math.Log(2);
        foreach (double w in weights)
            if (w > ZeroWeight) sum += w * Math.Log(w);
        return sum;
    }

    /// <summary>
    /// d objective / d w_j = (ℓ_j + log w_j + 1) · scale for the support (0 elsewhere), where
    /// <paramref name="evaluation"/>[j] is the plan index of configuration j (−1 outside the support).
    /// Returns Σ_j w_j ℓ_j.
    /// </summary>
    public static double WeightCotangent(ReadOnlySpan<double> weights, ReadOnlySpan<int> evaluation, ReadOnlySpan<float> losses,
        double scale, Span<double> dWeights)
    {
        double reconstruction = 0;
        for (int j = 0; j < weights.Length; j++)
        {
            int e = evaluation[j];
            if (e < 0)
            {
                dWeights[j] = 0;
                continue;
            }
            reconstruction += weights[j] * losses[e];
            dWeights[j] = (losses[e] + Math.Log(weights[j]) + 1) * scale;
        }
        return reconstruction;
    }
}
