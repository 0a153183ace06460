using AgentLab.Numerics;

namespace AgentLab.Channels.MixedInformation;

/// <summary>
/// The law of y = clip(x, 0, 1) with x ~ N(Mean, Std²): point masses P0 = Φ(a) at 0 and P1 = 1 − Φ(b) at 1
/// (a = −Mean/Std, b = (1 − Mean)/Std) and the normal density on (0, 1). This is one coordinate of a
/// two-coordinate Gaussian-Sparsemax and one bit of the bit-vector variant (docs/ALGORITHMS.md §8.4–8.5).
/// Entropy and KL are direct-sum quantities (§8.7): the discrete part over the faces {0}, (0, 1), {1} plus
/// the differential part on the open interval, measured by Lebesgue measure on y.
/// </summary>
public readonly record struct ClippedGaussian(double Mean, double Std)
{
    private double A => -Mean / Std;
    private double B => (1 - Mean) / Std;

    /// <summary>P(y = 0) = Φ(−Mean/Std).</summary>
    public double ProbabilityZero => StandardNormal.Cdf(A);

    /// <summary>P(y = 1) = Φ((Mean − 1)/Std), computed on the small side so it keeps its digits.</summary>
    public double ProbabilityOne => StandardNormal.Cdf(-B);

    /// <summary>P(0 &lt; y &lt; 1).</summary>
    public double ProbabilityInterior => 1 - ProbabilityZero - ProbabilityOne;

    /// <summary>
    /// log p⊕(y): log P0 at 0, log P1 at 1, the log normal density inside (−∞ outside [0, 1]).
    /// </summary>
    public double LogDensity(double y)
    {
        if (y < 0 || y > 1 || double.IsNaN(y)) return double.NegativeInfinity;
        if (y == 0) return StandardNormal.LogCdf(A);
        if (y == 1) return StandardNormal.LogCdf(-B);
        return StandardNormal.LogPdf((y - Mean) / Std) - Math.Log(Std);
    }

    /// <summary>
    /// H⊕ = −P0 log P0 − P1 log P1 + Pc·log(√(2π)·Std) + ½[Φ(b) − Φ(a) − bφ(b) + aφ(a)]: the face entropy
    /// plus −∫₀¹ φ_s(y − μ) log φ_s(y − μ) dy, whose x²/(2s²) part integrates to the bracket (truncated
    /// second moment).
    /// </summary>
    public double DirectSumEntropy() => EntropyWith(bracketScale: 0.5, logOffset: 0);

    /// <summary>
    /// The reference implementation's formula (§8.5), kept for comparison with its numbers: the bracket is
    /// scaled by Std/2 instead of ½ (equal only at Std = 1) and 1e-12 is added inside the logarithms.
    /// </summary>
    public double DirectSumEntropyReferenceFormula() => EntropyWith(bracketScale: Std / 2, logOffset: 1e-12);

    private double EntropyWith(double bracketScale, double logOffset)
    {
        double a = A, b = B;
        double p0 = ProbabilityZero, p1 = ProbabilityOne, interior = ProbabilityInterior;
        double bracket = interior - b * StandardNormal.Pdf(b) + a * StandardNormal.Pdf(a);
        return -XLogX(p0, logOffset) - XLogX(p1, logOffset)
            + interior * Math.Log(Math.Sqrt(2 * Math.PI) * Std + logOffset)
            + bracketScale * bracket;
    }

    /// <summary>
    /// KL⊕(this ‖ other) = Σ_faces P log(P/Q) + ∫₀¹ p log(p/q) dy. On the interval log(p/q) is the quadratic
    /// log(s_q/s_p) − (y − μ_p)²/(2s_p²) + (y − μ_q)²/(2s_q²), integrated against p with the truncated moments
    /// M0 = Φ(b) − Φ(a), M1 = s_p(φ(a) − φ(b)) (of y − μ_p) and M2 = s_p²(M0 − bφ(b) + aφ(a)).
    /// </summary>
    public double DirectSumKl(ClippedGaussian other)
    {
        double a = A, b = B, s = Std, t = other.Std, shift = Mean - other.Mean;
        double m0 = ProbabilityInterior;
        double m1 = s * (StandardNormal.Pdf(a) - StandardNormal.Pdf(b));
        double m2 = s * s * (m0 - b * StandardNormal.Pdf(b) + a * StandardNormal.Pdf(a));
        // ∫ p (y − μ_q)² = ∫ p ((y − μ_p) + (μ_p − μ_q))².
        double otherSquare = m2 + 2 * shift * m1 + shift * shift * m0;
        double interval = m0 * Math.Log(t / s) - m2 / (2 * s * s) + otherSquare / (2 * t * t);
        return FaceTerm(ProbabilityZero, other.ProbabilityZero) + FaceTerm(ProbabilityOne, other.ProbabilityOne) + interval;
    }

    private static double XLogX(double p, double logOffset) => p > 0 ? p * Math.Log(p + logOffset) : 0;

    private static double FaceTerm(double p, double q) => p > 0 ? p * (Math.Log(p) - Math.Log(q)) : 0;
}
