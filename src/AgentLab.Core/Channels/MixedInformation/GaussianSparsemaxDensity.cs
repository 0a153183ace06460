namespace AgentLab.Channels.MixedInformation;

/// <summary>
/// The Gaussian-Sparsemax law for any K (docs/ALGORITHMS.md §8.4): for y on the face F = {i : y_i &gt; 0},
/// |F| = f, the direct-sum density (face probability × density on the face, in its first f − 1
/// coordinates) is
///   p⊕(y) = f · ∫ ∏_{i∈F} φ_σ(y_i + t − l_i) ∏_{j∉F} Φ((t − l_j)/σ) dt.
/// With a_i = l_i − y_i, m = mean_F a and s = σ/√f the product over F is C·φ_s(t − m) with
/// log C = −(f/2)·log(2πσ²) − Σ_F (a_i − m)²/(2σ²) + ½·log(2π) + log s, so p⊕ = f·C·I and I is the
/// <see cref="FaceIntegral"/>. At a vertex (f = 1) C = 1 and p⊕ is the vertex's probability.
/// </summary>
public static class GaussianSparsemaxDensity
{
    /// <summary>log p⊕(y) for a point y of the simplex (its zeros define the face).</summary>
    public static double LogDensity(ReadOnlySpan<double> y, ReadOnlySpan<double> logits, double sigma,
        FaceIntegralRule rule = FaceIntegralRule.AdaptiveTrapezoid)
    {
        if (y.Length != logits.Length) throw new ArgumentException($"y has {y.Length} coordinates, logits {logits.Length}");
        if (!(sigma > 0)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be positive");
        int k = y.Length, f = 0;
        double sum = 0;
        for (int i = 0; i < k; i++)
            if (y[i] > 0) { f++; sum += logits[i] - y[i]; }
        if (f == 0) throw new ArgumentException("y has no positive coordinate; it is not a point of the simplex");
        double m = sum / f, spread = 0;
        Span<double> cuts = k - f <= 512 ? stackalloc double[k - f] : new double[k - f];
        for (int i = 0, j = 0; i < k; i++)
        {
            if (y[i] > 0) { double d = logits[i] - y[i] - m; spread += d * d; }
            else cuts[j++] = logits[i];
        }
        double s = sigma / Math.Sqrt(f);
        double logC = -0.5 * f * Math.Log(2 * Math.PI * sigma * sigma) - spread / (2 * sigma * sigma)
            + 0.5 * Math.Log(2 * Math.PI) + Math.Log(s);
        return Math.Log(f) + logC + FaceIntegral.Log(m, s, sigma, cuts, rule);
    }

    /// <summary>P(y = e_i) = E_{t~N(l_i − 1, σ²)}[∏_{j≠i} Φ((t − l_j)/σ)]: the vertex's p⊕.</summary>
    public static double VertexProbability(ReadOnlySpan<double> logits, int index, double sigma,
        FaceIntegralRule rule = FaceIntegralRule.AdaptiveTrapezoid)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, logits.Length);
        Span<double> vertex = logits.Length <= 512 ? stackalloc double[logits.Length] : new double[logits.Length];
        vertex.Clear();
        vertex[index] = 1;
        return Math.Exp(LogDensity(vertex, logits, sigma, rule));
    }
}
