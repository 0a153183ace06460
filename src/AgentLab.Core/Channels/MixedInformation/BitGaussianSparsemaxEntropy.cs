namespace AgentLab.Channels.MixedInformation;

/// <summary>
/// Direct-sum entropy of one bit of the bit-vector Gaussian-Sparsemax (docs/ALGORITHMS.md §8.5), in the
/// three versions one meets:
/// <list type="bullet">
/// <item><see cref="ReferenceFormula"/>: what the reference code computes, H of clip(N(l, std²), 0, 1) with
/// its bracket scaled by std/2 and 1e-12 inside the logs (the golden file's mixed_entropy_reference_formula).</item>
/// <item><see cref="Corrected"/>: the exact direct-sum entropy of clip(N(l, std²), 0, 1) — the reference's
/// assumed law with the bracket fixed (the golden file's mixed_entropy_corrected).</item>
/// <item><see cref="OfSampledBit"/>: the entropy of what <see cref="Pathwise.BitGaussianSparsemaxSample"/>
/// actually draws with noise scale σ, clip(N(l, σ²/2), 0, 1). Both formulas above assume std σ instead
/// of σ/√2; this one is the consistent choice unless bit-exact reproduction of the reference is needed.</item>
/// </list>
/// </summary>
public static class BitGaussianSparsemaxEntropy
{
    public static double ReferenceFormula(double logit, double std) => new ClippedGaussian(logit, std).DirectSumEntropyReferenceFormula();

    public static double Corrected(double logit, double std) => new ClippedGaussian(logit, std).DirectSumEntropy();

    public static double OfSampledBit(double logit, double sigma) => new ClippedGaussian(logit, sigma / Math.Sqrt(2)).DirectSumEntropy();
}
