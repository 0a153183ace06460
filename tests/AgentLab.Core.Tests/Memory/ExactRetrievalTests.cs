using AgentLab.Memory;

namespace AgentLab.Tests.Memory;

/// <summary>
/// HOPFIELD.md §4: with a map of margin m, a stored pattern whose separation Δ_i = x_i·x_i − max_{j≠i} x_i·x_j is
/// at least m/β is a fixed point, a query within ε of it is retrieved exactly in one update when
/// Δ_i ≥ m/β + 2Mε, and just below the margin the update mixes. Softmax has no margin and never retrieves exactly.
/// </summary>
public class ExactRetrievalTests
{
    private const int N = 12, D = 10;

    public static IEnumerable<object[]> SparseMaps() =>
    [
        ["sparsemax"], ["entmax15"], ["entmax:1.3"], ["entmax:3"], ["normmax:2"], ["normmax:5"],
    ];

    private static RetrievalMap MapOf(string spec)
    {
        var parts = spec.Split(':');
        return parts.Length == 1 ? RetrievalMap.Parse(spec)
            : RetrievalMap.Parse(parts[0], alpha: double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static double[] Patterns(int seed)
    {
        var rand = new Random(seed);
        return Enumerable.Range(0, N * D).Select(_ => rand.NextDouble() * 2 - 1).ToArray();
    }

    private static double Dot(double[] x, int i, int j) => Enumerable.Range(0, D).Sum(c => x[i * D + c] * x[j * D + c]);

    private static double Separation(double[] x, int i) =>
        Dot(x, i, i) - Enumerable.Range(0, N).Where(j => j != i).Max(j => Dot(x, i, j));

    /// <summary>A pattern with positive separation (random patterns of this size almost always have several).</summary>
    private static int Separated(double[] x) => Enumerable.Range(0, N).First(i => Separation(x, i) > 0.1);

    [Theory]
    [MemberData(nameof(SparseMaps))]
    public void A_pattern_separated_by_the_margin_is_a_fixed_point(string spec)
    {
        var map = MapOf(spec);
        double m = map.Margin!.Value;
        var x = Patterns(1);
        int i = Separated(x);
        double beta = 1.0001 * m / Separation(x, i);
        var pattern = x.AsSpan(i * D, D).ToArray();
        var result = HopfieldRecall.Run<double>(x, N, pattern, D, new RecallOptions(map, beta, PostTransform.Identity, 3, StopWhenStable: true));
        Assert.Equal([i], result.Supports[0]);
        Assert.Equal(1.0, result.Weights[i]);
        Assert.Equal(pattern, result.Retrieved); // exactly, not approximately
        Assert.Equal(2, result.Steps[0]); // the second update confirms p did not change

        // Float32 memory: the same exact fixed point.
        var memory = new HopfieldMemory(D);
        for (int j = 0; j < N; j++) memory.Store(x.AsSpan(j * D, D).ToArray().Select(v => (float)v).ToArray());
        var single = memory.Recall(memory.Pattern(i).ToArray(), new RecallOptions(map, 1.01 * beta, PostTransform.Identity, 2, false));
        Assert.Equal(memory.Pattern(i).ToArray(), single.Retrieved);
    }

    [Theory]
    [MemberData(nameof(SparseMaps))]
    public void An_epsilon_close_query_is_retrieved_exactly_in_one_update(string spec)
    {
        var map = MapOf(spec);
        double m = map.Margin!.Value;
        var x = Patterns(2);
        int i = Separated(x);
        double bigM = Enumerable.Range(0, N).Max(j => Math.Sqrt(Dot(x, j, j)));
        const double eps = 0.01;
        var rand = new Random(5);
        var noise = Enumerable.Range(0, D).Select(_ => rand.NextDouble() - 0.5).ToArray();
        double norm = Math.Sqrt(noise.Sum(v => v * v));
        var query = Enumerable.Range(0, D).Select(c => x[i * D + c] + eps * noise[c] / norm).ToArray();
        // Δ_i ≥ m/β + 2Mε  ⇔  β ≥ m/(Δ_i − 2Mε).
        double beta = 1.0001 * m / (Separation(x, i) - 2 * bigM * eps);
        Assert.True(beta > 0);
        var result = HopfieldRecall.Run<double>(x, N, query, D, new RecallOptions(map, beta, PostTransform.Identity, 1, false));
        Assert.Equal(x.AsSpan(i * D, D).ToArray(), result.Retrieved);
        Assert.Equal([i], result.Supports[0]);
    }

    [Theory]
    [MemberData(nameof(SparseMaps))]
    public void Below_the_margin_the_update_mixes(string spec)
    {
        var map = MapOf(spec);
        var x = Patterns(1);
        int i = Separated(x);
        double beta = 0.98 * map.Margin!.Value / Separation(x, i);
        var result = HopfieldRecall.Run<double>(x, N, x.AsSpan(i * D, D).ToArray(), D, new RecallOptions(map, beta, PostTransform.Identity, 1, false));
        Assert.True(result.Supports[0].Length > 1, $"support {result.Supports[0].Length}");
        Assert.True(result.Weights[i] < 1);
    }

    [Fact]
    public void Softmax_retrieval_is_only_approximate()
    {
        var x = Patterns(1);
        int i = Separated(x);
        var pattern = x.AsSpan(i * D, D).ToArray();
        double previousError = double.PositiveInfinity;
        foreach (double beta in new[] { 1.0, 4.0, 16.0 })
        {
            var result = HopfieldRecall.Run<double>(x, N, pattern, D, new RecallOptions(RetrievalMap.Softmax, beta, PostTransform.Identity, 1, false));
            Assert.Equal(N, result.Supports[0].Length);
            double error = Math.Sqrt(Enumerable.Range(0, D).Sum(c => Math.Pow(result.Retrieved[c] - pattern[c], 2)));
            Assert.True(error > 0 && error < previousError, $"beta {beta}: error {error}");
            previousError = error;
        }
    }

    [Fact]
    public void K_subsets_retrieve_the_top_k_exactly_past_the_margin()
    {
        // θ_(k) − θ_(k+1) ≥ 1 selects the top k with marginals exactly 1 (an association of k patterns).
        double[] x = [3, 0, 0, 0, 3, 0, 0, 0, 3, 1, 1, 1];
        double[] query = [1, 1, 0];
        var result = HopfieldRecall.Run<double>(x, 4, query, 3, new RecallOptions(RetrievalMap.KSubsets(2), 1, PostTransform.Identity, 1, false));
        // θ = [3, 3, 0, 2]: the gap θ_(2) − θ_(3) = 1.
        Assert.Equal([1.0, 1.0, 0.0, 0.0], result.Weights);
        Assert.Equal([3.0, 3.0, 0.0], result.Retrieved);
    }
}
