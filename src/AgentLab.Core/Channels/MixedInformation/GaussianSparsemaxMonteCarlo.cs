using AgentLab.Channels.Pathwise;
using AgentLab.Numerics;

namespace AgentLab.Channels.MixedInformation;

/// <summary>
/// Monte Carlo direct-sum information of Gaussian-Sparsemax for any K (docs/ALGORITHMS.md §8.7):
/// H⊕ ≈ −mean log p⊕(y_n) and KL⊕(p‖q) ≈ mean [log p⊕(y_n) − log q⊕(y_n)] over samples y_n ~ p, with
/// p⊕ from <see cref="GaussianSparsemaxDensity"/>. Each estimate comes with its standard error.
/// </summary>
public static class GaussianSparsemaxMonteCarlo
{
    public static Estimate Entropy(double[] logits, double sigma, int samples, Rng rng)
    {
        var mean = new RunningMoments();
        var y = new double[logits.Length];
        for (int n = 0; n < samples; n++)
        {
            Draw(logits, sigma, rng, y);
            mean.Add(-GaussianSparsemaxDensity.LogDensity(y, logits, sigma));
        }
        return mean.Estimate();
    }

    public static Estimate Kl(double[] pLogits, double pSigma, double[] qLogits, double qSigma, int samples, Rng rng)
    {
        if (pLogits.Length != qLogits.Length) throw new ArgumentException("p and q need the same number of coordinates");
        var mean = new RunningMoments();
        var y = new double[pLogits.Length];
        for (int n = 0; n < samples; n++)
        {
            Draw(pLogits, pSigma, rng, y);
            mean.Add(GaussianSparsemaxDensity.LogDensity(y, pLogits, pSigma) - GaussianSparsemaxDensity.LogDensity(y, qLogits, qSigma));
        }
        return mean.Estimate();
    }

    /// <summary>y = sparsemax(l + σn) in double precision.</summary>
    public static void Draw(double[] logits, double sigma, Rng rng, double[] y)
    {
        Span<double> normals = stackalloc double[logits.Length];
        Span<double> perturbed = stackalloc double[logits.Length];
        for (int i = 0; i < normals.Length; i++) normals[i] = rng.NextNormalDouble();
        GaussianSparsemaxSample.Forward<double>(logits, normals, sigma, perturbed, y);
    }

    private sealed class RunningMoments
    {
        private double _sum, _sumSquares;
        private int _count;

        public void Add(double value)
        {
            _sum += value;
            _sumSquares += value * value;
            _count++;
        }

        public Estimate Estimate()
        {
            if (_count < 2) throw new InvalidOperationException("an estimate needs at least 2 samples");
            double mean = _sum / _count;
            double variance = Math.Max(0, (_sumSquares - _count * mean * mean) / (_count - 1));
            return new Estimate(mean, Math.Sqrt(variance / _count));
        }
    }
}
