using AgentLab.Sparse;

namespace AgentLab.Tests.Sparse;

/// <summary>Top-k sparsemax over bit-vectors: k-best correctness against brute force, k = 1, the 2^D cap, errors.</summary>
public class TopKSparsemaxTests
{
    private sealed record Result(string[] Configs, double[] Scores, double[] P, double[] ExpectedBits);

    private static Result Run(double[] x, int k, double temperature = 1.0)
    {
        int bits = x.Length, count = TopKSparsemax.ConfigCount(bits, k);
        var configs = new byte[count * bits];
        var scores = new double[count];
        var p = new double[count];
        var expected = new double[bits];
        TopKSparsemax.Forward<double>(x, k, temperature, configs, scores, p, expected);
        var strings = Enumerable.Range(0, count)
            .Select(j => string.Concat(configs.Skip(j * bits).Take(bits).Select(b => b == 1 ? '1' : '0')))
            .ToArray();
        return new Result(strings, scores, p, expected);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Configurations_are_the_k_best_by_brute_force(int seed)
    {
        const int bits = 7;
        double[] x = RandomScores.Normal(seed, bits);
        var all = Enumerable.Range(0, 1 << bits)
            .Select(m => (Config: string.Concat(Enumerable.Range(0, bits).Select(i => ((m >> i) & 1) == 1 ? '1' : '0')),
                Score: Enumerable.Range(0, bits).Sum(i => ((m >> i) & 1) * x[i])))
            .OrderByDescending(c => c.Score)
            .ToArray();
        var result = Run(x, 10);
        Assert.Equal(all.Take(10).Select(c => c.Config), result.Configs);
        Expect.Close(all.Take(10).Select(c => c.Score).ToArray(), result.Scores, 1e-12, 1e-12, "scores");
        // p = sparsemax of the config scores.
        var p = new double[10];
        Sparsemax.ForwardSorted<double>(result.Scores, p, 1.0);
        Expect.Close(p, result.P, 1e-12, 0, "p");
        Assert.Equal(1.0, result.P.Sum(), 1e-12);
    }

    [Fact]
    public void K_is_capped_at_two_to_the_D()
    {
        Assert.Equal(4, TopKSparsemax.ConfigCount(2, 10));
        Assert.Equal(10, TopKSparsemax.ConfigCount(40, 10));
        var result = Run([0.5, -0.25], 10, temperature: 10);
        Assert.Equal(["10", "11", "00", "01"], result.Configs);
        Assert.Equal([0.5, 0.25, 0.0, -0.25], result.Scores);
    }

    [Fact]
    public void K_equal_one_is_the_best_configuration_with_probability_one_and_no_gradient()
    {
        // Tie rule: x_0 = 0 → on, x_i = 0 for i > 0 → off.
        var result = Run([0.0, 0.0, 1.5, -2.0, 0.0], 1);
        Assert.Equal(["10100"], result.Configs);
        Assert.Equal([1.0], result.P);
        Assert.Equal([1.0, 0.0, 1.0, 0.0, 0.0], result.ExpectedBits);
        var configs = new byte[] { 1, 0, 1, 0, 0 };
        var dx = new double[5];
        TopKSparsemax.Backward<double>(configs, [1.0], [3.0], dx, 1, 1.0);
        Assert.All(dx, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Zero_first_score_puts_on_before_off_and_later_zeros_put_off_first()
    {
        var result = Run([0.0, 0.0], 4);
        Assert.Equal(["10", "00", "11", "01"], result.Configs);
    }

    [Fact]
    public void Expected_bits_are_the_probability_weighted_configurations()
    {
        double[] x = RandomScores.Normal(5, 9, 0.2);
        var result = Run(x, 6, 0.5);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = 0;
            for (int j = 0; j < result.Configs.Length; j++)
                if (result.Configs[j][i] == '1') expected += result.P[j];
            Assert.Equal(expected, result.ExpectedBits[i], 1e-15);
        }
        Assert.True(result.P.Count(v => v > 0) > 1, "the case must spread mass over several configurations");
    }

    [Fact]
    public void Batched_rows_equal_single_rows_and_supports_are_a_prefix()
    {
        const int rows = 4, bits = 8, k = 5;
        double[] x = RandomScores.Normal(6, rows * bits, 0.3);
        var configs = new byte[rows * k * bits];
        var scores = new double[rows * k];
        var p = new double[rows * k];
        var expected = new double[rows * bits];
        var supports = new RowSupports(1, 1);
        TopKSparsemax.Forward(x, rows, bits, k, 1.0, configs, scores, p, expected, supports);
        for (int r = 0; r < rows; r++)
        {
            var single = Run(x.AsSpan(r * bits, bits).ToArray(), k);
            Assert.Equal(single.P, p.AsSpan(r * k, k).ToArray());
            Assert.Equal(single.ExpectedBits, expected.AsSpan(r * bits, bits).ToArray());
            int count = single.P.Count(v => v > 0);
            Assert.Equal(Enumerable.Range(0, count), supports[r].ToArray());
        }
    }

    [Fact]
    public void Non_finite_bit_scores_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Run([0.5, double.NaN, 1.0], 2));
        Assert.Contains("bitScores row 0, column 1", error.Message);
        Assert.Throws<ArgumentException>(() => Run([double.NegativeInfinity, 1.0], 2));
    }
}
