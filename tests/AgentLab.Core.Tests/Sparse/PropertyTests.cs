using AgentLab.Sparse;

namespace AgentLab.Tests.Sparse;

/// <summary>Mathematical properties on seeded random batches (double unless stated).</summary>
public class PropertyTests
{
    private const int Rows = 40, Cols = 12;

    public static TheoryData<string> AllMaps => Maps.All;
    public static TheoryData<string> SparseMaps => Maps.Sparse;

    [Theory, MemberData(nameof(AllMaps))]
    public void Outputs_are_distributions(string name)
    {
        var map = Maps.ByName[name];
        foreach (double temperature in new[] { 0.1, 1.0, 10.0 })
        {
            double[] x = RandomScores.Normal(3, Rows * Cols, 2.0);
            var y = new double[x.Length];
            map.Forward(x, y, Rows, Cols, temperature, null);
            for (int r = 0; r < Rows; r++)
            {
                var row = y.AsSpan(r * Cols, Cols);
                Assert.All(row.ToArray(), v => Assert.True(v >= 0, $"{name}: negative probability {v}"));
                Assert.Equal(1.0, row.ToArray().Sum(), 1e-12);
            }
        }
    }

    [Theory, MemberData(nameof(AllMaps))]
    public void Shift_invariant(string name)
    {
        var map = Maps.ByName[name];
        double[] x = RandomScores.Normal(5, Cols);
        double[] y = map.Apply(x);
        foreach (double shift in new[] { -3.7, 1e3, 1e6 })
        {
            double[] shifted = map.Apply(x.Select(v => v + shift).ToArray());
            // x + 1e6 loses ~1e-10 of each x in double; the outputs must agree to that level.
            Expect.Close(y, shifted, 1e-8, 0, $"{name} shift {shift}");
        }
    }

    [Theory, MemberData(nameof(AllMaps))]
    public void Argmax_is_preserved(string name)
    {
        var map = Maps.ByName[name];
        for (int seed = 0; seed < 20; seed++)
        {
            double[] x = RandomScores.Normal(seed, Cols);
            double[] y = map.Apply(x, 0.7);
            Assert.Equal(Array.IndexOf(x, x.Max()), Array.IndexOf(y, y.Max()));
        }
    }

    [Theory, MemberData(nameof(SparseMaps))]
    public void Support_shrinks_as_temperature_falls(string name)
    {
        var map = Maps.ByName[name];
        double[] x = RandomScores.Normal(11, 64);
        double[] temperatures = [100, 30, 10, 3, 1, 0.3, 0.1, 0.01];
        int previous = int.MaxValue;
        var supports = new List<int>();
        foreach (double t in temperatures)
        {
            int size = Expect.Positives(map.Apply(x, t));
            Assert.True(size <= previous, $"{name}: support grew from {previous} to {size} at T={t}");
            previous = size;
            supports.Add(size);
        }
        Assert.Equal(1, supports[^1]);
        Assert.True(supports[0] > supports[^1], "the temperature sweep must actually change the support");
    }

    [Fact]
    public void Entmax_with_alpha_2_is_sparsemax()
    {
        double[] x = RandomScores.Normal(2, Rows * Cols);
        var bisect = new double[x.Length];
        var exact = new double[x.Length];
        EntmaxBisect.Forward(x, bisect, Rows, Cols, 2.0, 0.8);
        Sparsemax.Forward(x, exact, Rows, Cols, 0.8);
        Expect.Close(exact, bisect, 1e-9, 0, "alpha=2 vs sparsemax");
    }

    [Fact]
    public void Entmax_with_alpha_1_5_is_exact_entmax15()
    {
        double[] x = RandomScores.Normal(4, Rows * Cols);
        var bisect = new double[x.Length];
        var exact = new double[x.Length];
        EntmaxBisect.Forward(x, bisect, Rows, Cols, 1.5, 1.2);
        Entmax15.Forward(x, exact, Rows, Cols, 1.2);
        Expect.Close(exact, bisect, 1e-9, 0, "alpha=1.5 vs entmax15");
    }

    [Fact]
    public void Entmax_approaches_softmax_as_alpha_goes_to_1()
    {
        double[] x = RandomScores.Normal(6, Cols);
        var softmax = new double[Cols];
        Softmax.Forward<double>(x, softmax, 1.0);
        double previous = double.PositiveInfinity;
        foreach (double alpha in new[] { 1.1, 1.01, 1.001, 1.0001 })
        {
            var p = new double[Cols];
            EntmaxBisect.Forward<double>(x, p, alpha, 1.0);
            double error = p.Zip(softmax, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(error < previous, $"alpha={alpha}: distance to softmax {error} did not shrink");
            previous = error;
        }
        Assert.True(previous < 1e-3, $"alpha=1.0001 is still {previous} from softmax");
    }

    [Fact]
    public void Normmax_goes_to_uniform_for_large_temperature_and_argmax_for_small()
    {
        double[] x = RandomScores.Normal(8, Cols);
        var p = new double[Cols];
        NormmaxBisect.Forward<double>(x, p, 2.0, 1e4);
        Assert.All(p, v => Assert.Equal(1.0 / Cols, v, 1e-3));
        NormmaxBisect.Forward<double>(x, p, 2.0, 1e-3);
        Assert.Equal(1.0, p.Max());
    }

    [Fact]
    public void Normmax_matches_the_published_example()
    {
        // Santos et al. README: s = [−2, 0, 0.5], α = 2 → [0, .311, .689]; α = 1000 → [0, .4997, .5003].
        var p = new double[3];
        NormmaxBisect.Forward<double>([-2, 0, 0.5], p, 2.0, 1.0);
        Expect.Close([0, 0.311, 0.689], p, 1e-3, 0, "alpha=2");
        NormmaxBisect.Forward<double>([-2, 0, 0.5], p, 1000.0, 1.0);
        Expect.Close([0, 0.4997, 0.5003], p, 1e-4, 0, "alpha=1000");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(100)]
    public void Partial_sort_equals_full_sort_bit_for_bit(int initialK)
    {
        foreach (double temperature in new[] { 0.05, 0.5, 1.0, 5.0, 50.0 })
        {
            foreach (double[] x in new[] { RandomScores.Normal(9, 64 * 48), RandomScores.Normal(10, 64 * 48, 0.2), Ties(64 * 48) })
            {
                var partial = new double[x.Length];
                var full = new double[x.Length];
                Sparsemax.ForwardPartialSort(x, partial, 64, 48, temperature, initialK);
                Sparsemax.ForwardSorted(x, full, 64, 48, temperature);
                Assert.Equal(full, partial);
                Entmax15.ForwardPartialSort(x, partial, 64, 48, temperature, initialK);
                Entmax15.ForwardSorted(x, full, 64, 48, temperature);
                Assert.Equal(full, partial);

                float[] xf = x.Select(v => (float)v).ToArray();
                var partialF = new float[x.Length];
                var fullF = new float[x.Length];
                Entmax15.ForwardPartialSort(xf, partialF, 64, 48, (float)temperature, initialK);
                Entmax15.ForwardSorted(xf, fullF, 64, 48, (float)temperature);
                Assert.Equal(fullF, partialF);
                Sparsemax.ForwardPartialSort(xf, partialF, 64, 48, (float)temperature, initialK);
                Sparsemax.ForwardSorted(xf, fullF, 64, 48, (float)temperature);
                Assert.Equal(fullF, partialF);
            }
        }
    }

    /// <summary>
    /// Rows as wide as a vocabulary (256): the narrowed candidate sets then span the insertion sort, the
    /// sorting network's one and two registers and the doubling beyond, at every scale and temperature.
    /// </summary>
    [Theory]
    [InlineData(0.05)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(4.0)]
    public void Default_forward_equals_full_sort_bit_for_bit_on_wide_rows(double scale)
    {
        const int rows = 64, cols = 256;
        foreach (double temperature in new[] { 0.1, 1.0, 10.0 })
        {
            double[] x = RandomScores.Normal(22, rows * cols, scale);
            float[] xf = x.Select(v => (float)v).ToArray();
            var fast = new double[x.Length];
            var full = new double[x.Length];
            var fastF = new float[x.Length];
            var fullF = new float[x.Length];
            Sparsemax.Forward(x, fast, rows, cols, temperature);
            Sparsemax.ForwardSorted(x, full, rows, cols, temperature);
            Assert.Equal(full, fast);
            Entmax15.Forward(x, fast, rows, cols, temperature);
            Entmax15.ForwardSorted(x, full, rows, cols, temperature);
            Assert.Equal(full, fast);
            Sparsemax.Forward(xf, fastF, rows, cols, (float)temperature);
            Sparsemax.ForwardSorted(xf, fullF, rows, cols, (float)temperature);
            Assert.Equal(fullF, fastF);
            Entmax15.Forward(xf, fastF, rows, cols, (float)temperature);
            Entmax15.ForwardSorted(xf, fullF, rows, cols, (float)temperature);
            Assert.Equal(fullF, fastF);
        }
    }

    [Theory, MemberData(nameof(AllMaps))]
    public void Batched_rows_equal_single_rows_and_supports_match_p(string name)
    {
        var map = Maps.ByName[name];
        double[] x = RandomScores.Normal(12, Rows * Cols, 1.5);
        var y = new double[x.Length];
        var supports = new RowSupports(1, 1);
        map.Forward(x, y, Rows, Cols, 0.9, supports);
        for (int r = 0; r < Rows; r++)
        {
            double[] row = x.AsSpan(r * Cols, Cols).ToArray();
            Assert.Equal(map.Apply(row, 0.9), y.AsSpan(r * Cols, Cols).ToArray());
            int[] positive = Enumerable.Range(0, Cols).Where(i => y[r * Cols + i] > 0).ToArray();
            Assert.Equal(positive, supports[r].ToArray());
        }
        Assert.Equal(y.Count(v => v > 0), supports.TotalCount);
    }

    [Theory, MemberData(nameof(SparseMaps))]
    public void Backward_with_supports_equals_backward_deriving_them(string name)
    {
        var map = Maps.ByName[name];
        double[] x = RandomScores.Normal(13, Rows * Cols, 1.5);
        double[] g = RandomScores.Normal(14, Rows * Cols);
        var y = new double[x.Length];
        var supports = new RowSupports(Rows, Cols);
        map.Forward(x, y, Rows, Cols, 1.1, supports);
        var withSupports = new double[x.Length];
        var derived = Enumerable.Repeat(double.NaN, x.Length).ToArray(); // dx must be fully overwritten
        map.Backward(y, g, withSupports, Rows, Cols, 1.1, supports);
        map.Backward(y, g, derived, Rows, Cols, 1.1, null);
        Assert.Equal(withSupports, derived);
        for (int i = 0; i < x.Length; i++)
            if (y[i] == 0) Assert.Equal(0.0, derived[i]);
    }

    [Theory, MemberData(nameof(AllMaps))]
    public void Vjp_rows_sum_to_zero(string name)
    {
        // J has rows summing to 0 and is symmetric, so 1ᵀ J g = 0: a uniform shift of the scores changes nothing.
        var map = Maps.ByName[name];
        double[] x = RandomScores.Normal(15, Cols);
        double[] g = RandomScores.Normal(16, Cols);
        double[] dx = map.Vjp(map.Apply(x, 2.0), g, 2.0);
        Assert.Equal(0.0, dx.Sum(), 1e-12);
        Assert.Contains(dx, v => Math.Abs(v) > 1e-6);
    }

    /// <summary>Rows with many exact ties (values on a coarse grid).</summary>
    private static double[] Ties(int count)
    {
        var random = new Random(21);
        return Enumerable.Range(0, count).Select(_ => random.Next(-4, 5) * 0.5).ToArray();
    }
}
