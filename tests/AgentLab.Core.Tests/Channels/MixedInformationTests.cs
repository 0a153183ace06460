using AgentLab.Channels.MixedInformation;
using AgentLab.Channels.Pathwise;
using AgentLab.Numerics;
using AgentLab.Tests.Sparse;

namespace AgentLab.Tests.Channels;

/// <summary>
/// Face probabilities, densities, entropies and KLs of the mixed variables: the general-K quadrature against
/// the K = 2 closed forms and a brute-force integral, and everything against Monte Carlo samples (within
/// 4.5 standard errors, so a correct implementation fails about once in 10⁵ runs; the seeds are fixed).
/// </summary>
public class MixedInformationTests
{
    private const double Sigmas = 4.5;

    public static TheoryData<double, double, double> TwoCoordinateCases => new()
    {
        { 0.0, 0.0, 1.0 }, { 2.0, 0.0, 1.0 }, { -1.0, 1.0, 1.0 }, { 0.3, -0.2, 0.5 }, { 3.0, 0.0, 0.3 }, { -3.0, 2.0, 1.0 },
    };

    [Theory, MemberData(nameof(TwoCoordinateCases))]
    public void Vertex_probabilities_by_quadrature_match_the_closed_form_for_two_coordinates(double l1, double l2, double sigma)
    {
        var (first, second, edge) = TwoCoordinateGaussianSparsemax.FaceProbabilities(l1, l2, sigma);
        Expect.Close(StandardNormal.Cdf((l1 - l2 - 1) / (sigma * Math.Sqrt(2))), first, 0, 1e-13, "P(e1) formula");
        Assert.Equal(1.0, first + second + edge, 12);
        double[] logits = [l1, l2];
        Expect.Close(first, GaussianSparsemaxDensity.VertexProbability(logits, 0, sigma), 0, 1e-10, "P(e1) adaptive");
        Expect.Close(second, GaussianSparsemaxDensity.VertexProbability(logits, 1, sigma), 0, 1e-10, "P(e2) adaptive");
        // The simple rule is only roughly right, and only for faces that are not rare (see FaceIntegralRule).
        if (first > 0.01)
            Expect.Close(first, GaussianSparsemaxDensity.VertexProbability(logits, 0, sigma, FaceIntegralRule.InverseNormalNodes), 0, 0.03, "P(e1) Φ⁻¹ nodes");
        // Inside the edge the density needs no quadrature: it is the clipped Gaussian's.
        var y1 = TwoCoordinateGaussianSparsemax.FirstCoordinate(l1, l2, sigma);
        foreach (double y in new[] { 0.1, 0.5, 0.93 })
            Expect.Close(y1.LogDensity(y), GaussianSparsemaxDensity.LogDensity([y, 1 - y], logits, sigma), 1e-12, 1e-12, $"log p({y})");
    }

    [Fact]
    public void Adaptive_quadrature_matches_a_brute_force_integral_with_many_cut_coordinates()
    {
        var rng = new Rng(7);
        double[] logits = Enumerable.Range(0, 40).Select(_ => 0.5 * rng.NextNormalDouble()).ToArray();
        var y = new double[logits.Length];
        for (int draw = 0; draw < 3; draw++)
        {
            GaussianSparsemaxMonteCarlo.Draw(logits, 1.0, rng, y);
            double adaptive = GaussianSparsemaxDensity.LogDensity(y, logits, 1.0);
            double brute = BruteForceLogDensity(y, logits, 1.0);
            Assert.True(Math.Abs(adaptive - brute) < 1e-9, $"draw {draw}: adaptive {adaptive:R}, brute force {brute:R}");
        }
    }

    /// <summary>§8.4's density with the integral over t taken by an 8,001-node trapezoid on a wide interval.</summary>
    private static double BruteForceLogDensity(double[] y, double[] logits, double sigma)
    {
        var face = Enumerable.Range(0, y.Length).Where(i => y[i] > 0).ToArray();
        var cuts = Enumerable.Range(0, y.Length).Where(i => y[i] == 0).Select(i => logits[i]).ToArray();
        double center = face.Average(i => logits[i] - y[i]);
        const int n = 8001;
        double low = center - 12 * sigma, high = center + 12 * sigma, h = (high - low) / (n - 1), sum = 0;
        for (int k = 0; k < n; k++)
        {
            double t = low + k * h, log = 0;
            foreach (int i in face) log += StandardNormal.LogPdf((y[i] + t - logits[i]) / sigma) - Math.Log(sigma);
            foreach (double c in cuts) log += StandardNormal.LogCdf((t - c) / sigma);
            sum += (k == 0 || k == n - 1 ? 0.5 : 1) * Math.Exp(log);
        }
        return Math.Log(face.Length) + Math.Log(sum * h);
    }

    [Fact]
    public void Sampled_face_frequencies_match_the_face_probabilities_for_two_coordinates()
    {
        double[] logits = [0.4, -0.3];
        var counts = CountFaces(logits, 0.8, 20000, new Rng(11));
        var (first, second, edge) = TwoCoordinateGaussianSparsemax.FaceProbabilities(logits[0], logits[1], 0.8);
        AssertFrequency(first, counts.Vertex[0], 20000, "e1");
        AssertFrequency(second, counts.Vertex[1], 20000, "e2");
        AssertFrequency(edge, counts.BySize[2], 20000, "edge");
    }

    [Fact]
    public void Sampled_vertex_frequencies_match_the_quadrature_for_five_coordinates()
    {
        double[] logits = [1.2, 0.1, -0.4, 0.7, -1.5];
        const int samples = 20000;
        var counts = CountFaces(logits, 1.0, samples, new Rng(12));
        for (int i = 0; i < logits.Length; i++)
            AssertFrequency(GaussianSparsemaxDensity.VertexProbability(logits, i, 1.0), counts.Vertex[i], samples, $"e{i}");
    }

    [Fact]
    public void The_density_on_an_edge_integrates_to_the_sampled_edge_frequency_for_three_coordinates()
    {
        // P(face = {0, 1}) = ∫₀¹ p⊕(u, 1 − u, 0) du: exercises the face-conditional density with a cut coordinate.
        double[] logits = [0.5, 0.2, -0.3];
        const int samples = 20000;
        var rng = new Rng(13);
        var y = new double[3];
        int onEdge = 0;
        for (int n = 0; n < samples; n++)
        {
            GaussianSparsemaxMonteCarlo.Draw(logits, 1.0, rng, y);
            if (y[0] > 0 && y[1] > 0 && y[2] == 0) onEdge++;
        }
        const int nodes = 2001;
        double mass = 0;
        for (int k = 1; k < nodes - 1; k++)
        {
            double u = (double)k / (nodes - 1);
            mass += Math.Exp(GaussianSparsemaxDensity.LogDensity([u, 1 - u, 0], logits, 1.0));
        }
        mass /= nodes - 1; // trapezoid; the density is finite at the ends, whose half-weights are negligible here
        AssertFrequency(mass, onEdge, samples, "edge {0,1}");
    }

    /// <summary>
    /// Cases whose entropy Monte Carlo can see: with a face of probability ~1e-6 (like (3, 0, 0.3) above) 4,000
    /// samples never visit the rare faces that carry most of the (tiny) entropy.
    /// </summary>
    public static TheoryData<double, double, double> MonteCarloCases => new()
    {
        { 0.0, 0.0, 1.0 }, { 2.0, 0.0, 1.0 }, { -1.0, 1.0, 1.0 }, { 0.3, -0.2, 0.5 }, { 1.0, 0.0, 0.3 },
    };

    [Theory, MemberData(nameof(MonteCarloCases))]
    public void Monte_carlo_entropy_matches_the_closed_form_for_two_coordinates(double l1, double l2, double sigma)
    {
        double closed = TwoCoordinateGaussianSparsemax.DirectSumEntropy(l1, l2, sigma);
        var estimate = GaussianSparsemaxMonteCarlo.Entropy([l1, l2], sigma, 4000, new Rng(21));
        Assert.True(Math.Abs(estimate.Mean - closed) <= Sigmas * estimate.StandardError + 1e-9,
            $"H⊕ closed form {closed:G6}, Monte Carlo {estimate.Mean:G6} ± {estimate.StandardError:G2}");
    }

    [Fact]
    public void Monte_carlo_kl_matches_the_closed_form_and_the_closed_form_behaves_like_a_divergence()
    {
        double closed = TwoCoordinateGaussianSparsemax.DirectSumKl(0.4, -0.2, 1.0, -0.1, 0.3, 0.7);
        var estimate = GaussianSparsemaxMonteCarlo.Kl([0.4, -0.2], 1.0, [-0.1, 0.3], 0.7, 4000, new Rng(22));
        Assert.True(Math.Abs(estimate.Mean - closed) <= Sigmas * estimate.StandardError,
            $"KL⊕ closed form {closed:G6}, Monte Carlo {estimate.Mean:G6} ± {estimate.StandardError:G2}");
        Assert.True(closed > 0);
        Assert.Equal(0, TwoCoordinateGaussianSparsemax.DirectSumKl(0.4, -0.2, 1.0, 0.4, -0.2, 1.0), 14);
        // Shift invariance: only l1 − l2 matters.
        Assert.Equal(closed, TwoCoordinateGaussianSparsemax.DirectSumKl(1.4, 0.8, 1.0, 0.9, 1.3, 0.7), 12);
    }

    [Fact]
    public void A_sampled_bit_has_noise_std_sigma_over_root_two_so_its_entropy_is_the_consistent_formula()
    {
        const double logit = 0.3, sigma = 0.5;
        const int samples = 40000;
        var rng = new Rng(31);
        int zeros = 0, ones = 0;
        var y = new double[1];
        for (int n = 0; n < samples; n++)
        {
            BitGaussianSparsemaxSample.Forward<double>([logit], [rng.NextNormalDouble()], [rng.NextNormalDouble()], sigma, y);
            if (y[0] == 0) zeros++; else if (y[0] == 1) ones++;
        }
        var law = new ClippedGaussian(logit, sigma / Math.Sqrt(2));
        AssertFrequency(law.ProbabilityZero, zeros, samples, "P(y = 0)");
        AssertFrequency(law.ProbabilityOne, ones, samples, "P(y = 1)");
        // The reference's assumed law (std σ) puts visibly more mass on the faces.
        Assert.True(new ClippedGaussian(logit, sigma).ProbabilityZero > (double)zeros / samples + 0.05);
        Assert.Equal(law.DirectSumEntropy(), BitGaussianSparsemaxEntropy.OfSampledBit(logit, sigma), 15);
    }

    [Fact]
    public void Hard_concrete_bit_point_masses_match_sampled_frequencies()
    {
        const int samples = 40000;
        var rng = new Rng(41);
        foreach (var (logit, temperature) in new[] { (0.7, 0.5), (-0.9, 1.0) })
        {
            int zeros = 0, ones = 0;
            var relaxed = new double[1];
            var y = new double[1];
            for (int n = 0; n < samples; n++)
            {
                HardConcreteBitSample.Forward<double>([logit], [rng.NextUniformOpenDouble()], temperature, -0.1, 1.1, relaxed, y);
                if (y[0] == 0) zeros++; else if (y[0] == 1) ones++;
            }
            var exact = HardConcreteBitSample.FaceProbabilities(logit, temperature);
            AssertFrequency(exact.Zero, zeros, samples, $"P(y = 0) l={logit} T={temperature}");
            AssertFrequency(exact.One, ones, samples, $"P(y = 1) l={logit} T={temperature}");
        }
    }

    [Fact]
    public void Clipped_gaussian_entropy_equals_minus_the_expected_log_density()
    {
        // H⊕ = −Σ_faces P log P − ∫₀¹ p log p, with the integral by a fine trapezoid.
        foreach (var law in new[] { new ClippedGaussian(0.3, 0.4), new ClippedGaussian(1.2, 0.2), new ClippedGaussian(-0.5, 1.5) })
        {
            const int n = 20001;
            double integral = 0;
            for (int k = 0; k < n; k++)
            {
                double y = (double)k / (n - 1), log = StandardNormal.LogPdf((y - law.Mean) / law.Std) - Math.Log(law.Std);
                integral += (k == 0 || k == n - 1 ? 0.5 : 1) * Math.Exp(log) * log;
            }
            integral /= n - 1;
            double expected = -law.ProbabilityZero * Math.Log(law.ProbabilityZero) - law.ProbabilityOne * Math.Log(law.ProbabilityOne) - integral;
            Assert.Equal(expected, law.DirectSumEntropy(), 8);
        }
    }

    private sealed record FaceCounts(int[] Vertex, int[] BySize);

    private static FaceCounts CountFaces(double[] logits, double sigma, int samples, Rng rng)
    {
        var vertex = new int[logits.Length];
        var bySize = new int[logits.Length + 1];
        var y = new double[logits.Length];
        for (int n = 0; n < samples; n++)
        {
            GaussianSparsemaxMonteCarlo.Draw(logits, sigma, rng, y);
            int size = y.Count(v => v > 0);
            bySize[size]++;
            if (size == 1) vertex[Array.FindIndex(y, v => v > 0)]++;
        }
        return new FaceCounts(vertex, bySize);
    }

    private static void AssertFrequency(double probability, int count, int samples, string what)
    {
        double frequency = (double)count / samples;
        double standardError = Math.Sqrt(probability * (1 - probability) / samples);
        Assert.True(Math.Abs(frequency - probability) <= Sigmas * standardError + 1e-12,
            $"{what}: probability {probability:G6}, sampled frequency {frequency:G6} (SE {standardError:G2})");
    }
}
