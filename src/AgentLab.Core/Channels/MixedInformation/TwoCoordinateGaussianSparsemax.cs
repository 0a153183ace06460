namespace AgentLab.Channels.MixedInformation;

/// <summary>
/// Closed forms for Gaussian-Sparsemax with K = 2 (docs/ALGORITHMS.md §8.4): y = sparsemax(l + σn) has
/// y₁ = clip((z₁ − z₂ + 1)/2, 0, 1) with z₁ − z₂ ~ N(l₁ − l₂, 2σ²), i.e. y₁ is a
/// <see cref="ClippedGaussian"/> with mean (l₁ − l₂ + 1)/2 and std σ/√2, and y₂ = 1 − y₁. Hence
/// P(y = e₁) = Φ((l₁ − l₂ − 1)/(σ√2)). Densities are in the first face coordinate (y₁), the direct-sum
/// convention of §8.4.
/// </summary>
public static class TwoCoordinateGaussianSparsemax
{
    /// <summary>The law of the first coordinate.</summary>
    public static ClippedGaussian FirstCoordinate(double logit1, double logit2, double sigma)
    {
        if (!(sigma > 0)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be positive");
        return new ClippedGaussian((logit1 - logit2 + 1) / 2, sigma / Math.Sqrt(2));
    }

    /// <summary>P(y = e₁), P(y = e₂) and P(y inside the edge).</summary>
    public static (double FirstVertex, double SecondVertex, double Edge) FaceProbabilities(double logit1, double logit2, double sigma)
    {
        var y1 = FirstCoordinate(logit1, logit2, sigma);
        return (y1.ProbabilityOne, y1.ProbabilityZero, y1.ProbabilityInterior);
    }

    public static double DirectSumEntropy(double logit1, double logit2, double sigma) =>
        FirstCoordinate(logit1, logit2, sigma).DirectSumEntropy();

    /// <summary>KL⊕(p ‖ q) between two K = 2 Gaussian-Sparsemax laws.</summary>
    public static double DirectSumKl(double pLogit1, double pLogit2, double pSigma, double qLogit1, double qLogit2, double qSigma) =>
        FirstCoordinate(pLogit1, pLogit2, pSigma).DirectSumKl(FirstCoordinate(qLogit1, qLogit2, qSigma));
}
