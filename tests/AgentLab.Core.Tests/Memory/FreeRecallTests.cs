using AgentLab.Memory;
using AgentLab.Sparse;

namespace AgentLab.Tests.Memory;

public class FreeRecallTests
{
    public static IEnumerable<object[]> Names() => HopfieldGolden.FreeRecallNames();

    [Theory]
    [MemberData(nameof(Names))]
    public void Free_recall_matches_the_reference(string name)
    {
        var c = HopfieldGolden.Get(name);
        var rows = HopfieldGolden.Matrix(c, "X");
        var x = rows.SelectMany(r => r).ToArray();
        int n = rows.Length, d = rows[0].Length;
        double beta = c.GetProperty("beta").GetDouble();
        int maxIter = c.GetProperty("max_iter").GetInt32();
        var result = c.GetProperty("method").GetString() switch
        {
            "csparsemax" => FreeRecall.Constrained(x, n, d, beta, maxIter),
            "penalized" => FreeRecall.Penalized(x, n, d, MapOfAlpha(c.GetProperty("alpha").GetDouble()), beta, maxIter,
                c.GetProperty("gamma").GetDouble(), c.GetProperty("decay").GetDouble()),
            var m => throw new ArgumentException($"free-recall method {m} is not mapped"),
        };
        var expected = c.GetProperty("expected");
        Assert.Equal(expected.GetProperty("recalled").EnumerateArray().Select(v => v.GetInt32()), result.Recalled);
        Assert.Equal(expected.GetProperty("unique_ratio").GetDouble(), result.UniqueRatio, 12);
    }

    private static RetrievalMap MapOfAlpha(double alpha) => alpha switch
    {
        1.0 => RetrievalMap.Softmax,
        1.5 => RetrievalMap.Entmax15,
        2.0 => RetrievalMap.Sparsemax,
        _ => RetrievalMap.Entmax(alpha),
    };

    [Fact]
    public void Constrained_sparsemax_is_the_capped_projection()
    {
        var rand = new Random(3);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = rand.Next(1, 12);
            var theta = Enumerable.Range(0, n).Select(_ => 3 * (rand.NextDouble() - 0.5)).ToArray();
            var caps = Enumerable.Range(0, n).Select(_ => rand.Next(4) == 0 ? 0 : rand.NextDouble()).ToArray();
            if (caps.Sum() < 1) caps[rand.Next(n)] += 1;
            var p = new double[n];
            double tau = ConstrainedSparsemax.Forward(theta, caps, p);
            Assert.Equal(1.0, p.Sum(), 12);
            // KKT of the projection: p = clip(θ − τ, 0, u) for one τ, checked against an independent bisection.
            double lo = theta.Min() - caps.Max() - 1, hi = theta.Max();
            for (int it = 0; it < 200; it++)
            {
                double mid = 0.5 * (lo + hi);
                if (Enumerable.Range(0, n).Sum(i => Math.Clamp(theta[i] - mid, 0, caps[i])) >= 1) lo = mid; else hi = mid;
            }
            for (int i = 0; i < n; i++)
            {
                Assert.InRange(p[i], 0, caps[i]);
                Assert.Equal(Math.Clamp(theta[i] - lo, 0, caps[i]), p[i], 9);
            }
            Assert.False(double.IsNaN(tau));
        }
    }

    [Fact]
    public void Constrained_sparsemax_with_caps_of_one_is_sparsemax()
    {
        double[] theta = [0.3, 1.2, -0.4, 1.0];
        var p = new double[4];
        ConstrainedSparsemax.Forward(theta, [1, 1, 1, 1], p);
        var expected = new double[4];
        Sparsemax.Forward<double>(theta, expected, 1.0);
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], p[i], 14);
    }

    [Fact]
    public void Constrained_sparsemax_rejects_caps_below_one()
    {
        var e = Assert.Throws<ArgumentException>(() => ConstrainedSparsemax.Forward([1.0, 2.0], [0.3, 0.3], new double[2]));
        Assert.Equal("caps", e.ParamName);
    }

    [Fact]
    public void Constrained_free_recall_starts_from_the_first_memory_and_exhausts_its_capacity()
    {
        // Orthogonal patterns of distinct norms: episode 0 recalls x_0 (q starts there), and the caps then
        // push every later episode off it.
        int n = 4, d = 4;
        var x = new double[n * d];
        for (int i = 0; i < n; i++) x[i * d + i] = 4 - 0.5 * i;
        var result = FreeRecall.Constrained(x, n, d, beta: 1, maxIterations: 5);
        Assert.Equal(0, result.Recalled[0]);
        Assert.DoesNotContain(0, result.Recalled.Skip(1));
    }

    [Fact]
    public void Sequential_recall_walks_the_stored_order()
    {
        // Orthogonal patterns (score gap 9 ≫ the margin): each episode the best adjacent pair holds the current
        // pattern and its successor (the penalty rules out the predecessor), q = x_i + x_{i+1} − x_i moves on,
        // and the sparsemax steps keep it there. The last pattern can only pair with its predecessor.
        int n = 6, d = 6;
        var x = new double[n * d];
        for (int i = 0; i < n; i++) x[i * d + i] = 3;
        var result = FreeRecall.Sequential(x, n, d, RetrievalMap.Sparsemax, beta: 1, maxIterations: 3);
        Assert.Equal([1, 2, 3, 4, 5, 4], result.Recalled);
        Assert.Equal(1 - 2.0 / 6, result.LevenshteinCoefficient, 12);
    }

    [Fact]
    public void The_memory_runs_free_recall_over_its_patterns()
    {
        var c = HopfieldGolden.Get("pub-free-recall-csparsemax");
        var memory = new HopfieldMemory(4);
        foreach (var row in HopfieldGolden.Matrix(c, "X")) memory.Store(row.Select(v => (float)v).ToArray());
        var x = memory.Patterns.ToArray().Select(v => (double)v).ToArray();
        Assert.Equal(FreeRecall.Constrained(x, 4, 4, 2, 5).Recalled, memory.FreeRecallConstrained(2, 5).Recalled);
        Assert.Equal(FreeRecall.Penalized(x, 4, 4, RetrievalMap.Sparsemax, 2, 5).Recalled,
            memory.FreeRecallPenalized(RetrievalMap.Sparsemax, 2, 5).Recalled);
        Assert.Equal(FreeRecall.Sequential(x, 4, 4, RetrievalMap.Softmax, 1, 3).Recalled, memory.SequentialRecall(RetrievalMap.Softmax, 1, 3).Recalled);
        Assert.Throws<ArgumentException>(() => new HopfieldMemory(3).FreeRecallConstrained(1, 1));
    }

    [Fact]
    public void Levenshtein_coefficient_counts_edits_to_the_stored_order()
    {
        Assert.Equal(1.0, new FreeRecallResult([0, 1, 2, 3]).LevenshteinCoefficient);
        Assert.Equal(0.75, new FreeRecallResult([0, 1, 3, 3]).LevenshteinCoefficient);
        Assert.Equal(0.5, new FreeRecallResult([1, 2, 3, 0]).LevenshteinCoefficient);
        Assert.Equal(0.75, new FreeRecallResult([0, 3, 1, 1]).UniqueRatio);
    }
}
