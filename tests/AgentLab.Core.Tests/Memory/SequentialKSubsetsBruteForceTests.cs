using AgentLab.Memory;
using AgentLab.Numerics;
using AgentLab.Sparse;

namespace AgentLab.Core.Tests.Memory;

/// <summary>
/// The Hopfield memory's sequential k-subsets map against an independent brute force: every exactly-k
/// configuration of n memories enumerated, and the SparseMAP problem
///   max over α in the simplex of Σ_s α_s (x·z_s + w·#(consecutive on-pairs of z_s)) − ½‖Σ_s α_s [z_s; 1 − z_s]‖²
/// solved by projected gradient ascent on α (no active set, no oracle), whose on-marginals Σ_s α_s z_s the map
/// must return (HOPFIELD.md §5, ALGORITHMS.md §7.4(c): both states in the quadratic, pairs linear only).
/// </summary>
public class SequentialKSubsetsBruteForceTests
{
    [Theory]
    [InlineData(6, 2, 0.5, 1)]
    [InlineData(6, 2, 0.5, 2)]
    [InlineData(7, 3, -0.7, 3)]
    [InlineData(6, 2, RetrievalMap.DefaultPairScore, 4)] // the reference's w = 1e8: only consecutive pairs survive
    public void MarginalsMatchTheBruteForceQuadraticProgram(int n, int k, double pairScore, int seed)
    {
        var draws = new float[n];
        new Rng((ulong)seed).FillNormal(draws, 0f, 1.5f);
        var scores = draws.Select(v => (double)v).ToArray();
        var probs = new double[n];
        RetrievalMapKernel.Forward<double>(RetrievalMap.SequentialKSubsets(k, pairScore), scores, probs, 1, n, new RowSupports(1, n));

        double[] expected = BruteForceMarginals(scores, k, pairScore);
        for (int i = 0; i < n; i++)
            Assert.True(Math.Abs(probs[i] - expected[i]) < 1e-6, $"memory {i}: map {probs[i]:R}, brute force {expected[i]:R}");
        Assert.Equal(k, probs.Sum(), 9);
    }

    private static double[] BruteForceMarginals(double[] x, int k, double w)
    {
        int n = x.Length;
        var configurations = Enumerable.Range(0, 1 << n).Where(m => System.Numerics.BitOperations.PopCount((uint)m) == k).ToArray();
        int m = configurations.Length;
        // Each configuration's linear score, relative to the best (a common shift leaves the optimum unchanged).
        var score = configurations.Select(c => Enumerable.Range(0, n).Sum(i => On(c, i) * x[i])
                                              + w * Enumerable.Range(0, n - 1).Count(i => On(c, i) == 1 && On(c, i + 1) == 1)).ToArray();
        double best = score.Max();
        for (int s = 0; s < m; s++) score[s] -= best;
        var alpha = Enumerable.Repeat(1.0 / m, m).ToArray();
        var mu = new double[n];
        double step = 1.0 / (2.0 * m * n); // 1 / L with L ≥ λmax of the Gram matrix of [z; 1 − z]
        var gradient = new double[m];
        for (int iteration = 0; iteration < 200_000; iteration++)
        {
            Marginals(configurations, alpha, mu);
            for (int s = 0; s < m; s++)
            {
                // d/dα_s of −½‖[μ; 1 − μ]‖² is −(z_s·μ + (1 − z_s)·(1 − μ)).
                double quadratic = 0;
                for (int i = 0; i < n; i++) quadratic += On(configurations[s], i) == 1 ? mu[i] : 1 - mu[i];
                gradient[s] = score[s] - quadratic;
            }
            for (int s = 0; s < m; s++) alpha[s] += step * gradient[s];
            ProjectOntoSimplex(alpha);
        }
        Marginals(configurations, alpha, mu);
        return mu;
    }

    private static int On(int configuration, int i) => (configuration >> i) & 1;

    private static void Marginals(int[] configurations, double[] alpha, double[] mu)
    {
        Array.Clear(mu);
        for (int s = 0; s < configurations.Length; s++)
            for (int i = 0; i < mu.Length; i++) mu[i] += alpha[s] * On(configurations[s], i);
    }

    /// <summary>Euclidean projection onto the probability simplex (sort and threshold).</summary>
    private static void ProjectOntoSimplex(double[] v)
    {
        var sorted = v.OrderByDescending(a => a).ToArray();
        double cumulative = 0, tau = 0;
        for (int j = 0; j < sorted.Length; j++)
        {
            cumulative += sorted[j];
            double candidate = (cumulative - 1) / (j + 1);
            if (sorted[j] - candidate > 0) tau = candidate;
        }
        for (int j = 0; j < v.Length; j++) v[j] = Math.Max(0, v[j] - tau);
    }
}
