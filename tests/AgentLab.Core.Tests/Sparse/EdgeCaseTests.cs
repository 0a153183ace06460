using AgentLab.Sparse;

namespace AgentLab.Tests.Sparse;

/// <summary>Ties, tiny rows, large offsets, masks and invalid input.</summary>
public class EdgeCaseTests
{
    public static TheoryData<string> AllMaps => Maps.All;
    public static TheoryData<string> SparseMaps => Maps.Sparse;

    [Theory, MemberData(nameof(AllMaps))]
    public void Single_column_gives_one_and_zero_gradient(string name)
    {
        var map = Maps.ByName[name];
        double[] y = map.Apply([-3.25], 0.4);
        Assert.Equal([1.0], y);
        Assert.Equal([0.0], map.Vjp(y, [2.5], 0.4));
    }

    [Theory, MemberData(nameof(AllMaps))]
    public void Equal_scores_give_uniform(string name)
    {
        var map = Maps.ByName[name];
        double[] y = map.Apply(Enumerable.Repeat(0.7, 8).ToArray());
        Assert.All(y, v => Assert.Equal(0.125, v, 1e-12));
    }

    [Theory, MemberData(nameof(SparseMaps))]
    public void Tied_entries_are_jointly_in_or_out(string name)
    {
        var map = Maps.ByName[name];
        double[] y = map.Apply([2.0, 2.0, 1.9, 1.9, -4.0, -4.0], 1.0);
        Assert.Equal(y[0], y[1]);
        Assert.Equal(y[2], y[3]);
        Assert.True(y[2] > 0, "entries 0.1 below the top are in the support");
        Assert.Equal(0.0, y[4]);
        Assert.Equal(0.0, y[5]);
    }

    [Theory]
    [InlineData(0.3, 0.65)]
    [InlineData(1.0, 1.0)]  // exactly on the boundary: p = [1, 0], the tie convention
    [InlineData(1.5, 1.0)]
    [InlineData(-0.4, 0.3)]
    public void Sparsemax_two_columns_has_the_closed_form(double gap, double expectedFirst)
    {
        var y = new double[2];
        var result = Sparsemax.Forward<double>([gap, 0.0], y, 1.0);
        Assert.Equal(expectedFirst, y[0], 1e-15);
        Assert.Equal(1 - expectedFirst, y[1], 1e-15);
        Assert.Equal(expectedFirst < 1 ? 2 : 1, result.SupportSize);
        // On the boundary the second entry has p = 0 and gets zero gradient (reference convention).
        var dx = new double[2];
        Sparsemax.Backward<double>(y, [1.0, -1.0], dx, 1.0);
        Assert.Equal(expectedFirst < 1 ? new[] { 1.0, -1.0 } : new[] { 0.0, 0.0 }, dx);
    }

    [Theory, MemberData(nameof(AllMaps))]
    public void Large_offsets_give_the_same_result(string name)
    {
        var map = Maps.ByName[name];
        double[] x = [0.4, -1.2, 0.9, 0.0, 0.35];
        double[] y = map.Apply(x);
        foreach (double offset in new[] { 1e5, 1e6, -1e6 })
            Expect.Close(y, map.Apply(x.Select(v => v + offset).ToArray()), 1e-9, 0, $"offset {offset}");
    }

    [Theory, MemberData(nameof(AllMaps))]
    public void Masked_entries_get_zero_probability_and_gradient(string name)
    {
        var map = Maps.ByName[name];
        double ninf = double.NegativeInfinity;
        double[] masked = [0.3, ninf, 1.2, ninf, -0.5];
        double[] y = map.Apply(masked, 0.8);
        double[] compact = map.Apply([0.3, 1.2, -0.5], 0.8);
        Assert.Equal(0.0, y[1]);
        Assert.Equal(0.0, y[3]);
        // Bisection brackets depend on the row length (as in the reference), so compare to 1e-9.
        Expect.Close(compact, [y[0], y[2], y[4]], 1e-9, 0, "masked vs compact");
        double[] dx = map.Vjp(y, [0.5, 9.0, -1.0, 9.0, 2.0], 0.8);
        Assert.Equal(0.0, dx[1]);
        Assert.Equal(0.0, dx[3]);
    }

    [Theory, MemberData(nameof(AllMaps))]
    public void Row_with_only_one_unmasked_entry_is_a_vertex(string name)
    {
        var map = Maps.ByName[name];
        Assert.Equal([0.0, 1.0, 0.0], map.Apply([double.NegativeInfinity, -7.0, double.NegativeInfinity]));
    }

    [Theory, MemberData(nameof(AllMaps))]
    public void Fully_masked_row_is_rejected(string name)
    {
        var map = Maps.ByName[name];
        var x = new[] { 1.0, 2.0, double.NegativeInfinity, double.NegativeInfinity };
        var error = Assert.Throws<ArgumentException>(() => map.Forward(x, new double[4], 2, 2, 1.0, null));
        Assert.Contains("row 1 has no finite entry", error.Message);
    }

    [Theory, MemberData(nameof(AllMaps))]
    public void NaN_is_rejected_naming_row_and_column(string name)
    {
        var map = Maps.ByName[name];
        double[] x = RandomScores.Normal(1, 12);
        x[7] = double.NaN; // row 1, column 3 of a 3 x 4 batch
        var error = Assert.Throws<ArgumentException>(() => map.Forward(x, new double[12], 3, 4, 1.0, null));
        Assert.Contains("row 1, column 3 is NaN", error.Message);
    }

    [Theory, MemberData(nameof(AllMaps))]
    public void Positive_infinity_is_rejected(string name)
    {
        var map = Maps.ByName[name];
        var error = Assert.Throws<ArgumentException>(() => map.Apply([0.0, double.PositiveInfinity]));
        Assert.Contains("row 0, column 1 is +Infinity", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Invalid_temperature_is_rejected(double temperature)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sparsemax.Forward<double>([1.0, 2.0], new double[2], temperature));
        Assert.Throws<ArgumentOutOfRangeException>(() => Softmax.Forward<double>([1.0, 2.0], new double[2], temperature));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    public void Alpha_must_exceed_one(double alpha)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EntmaxBisect.Forward<double>([1.0, 2.0], new double[2], alpha, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NormmaxBisect.Forward<double>([1.0, 2.0], new double[2], alpha, 1.0));
    }

    [Fact]
    public void Mismatched_buffer_lengths_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Sparsemax.Forward(new double[6], new double[5], 2, 3, 1.0));
        Assert.Contains("probs has 5 values, expected rows x cols = 2 x 3 = 6", error.Message);
        Assert.Throws<ArgumentException>(() => Entmax15.Backward(new double[6], new double[6], new double[6], 2, 3, 1.0, new RowSupports(3, 2)));
    }

    [Fact]
    public void Float_bisection_stops_early_with_the_full_iteration_result()
    {
        // Float stops once halving no longer moves τ (~24 halvings), so any iteration count past that point
        // returns exactly the same vector.
        float[] x = RandomScores.Normal(3, 32).Select(v => (float)v).ToArray();
        var p50 = new float[32];
        var p500 = new float[32];
        EntmaxBisect.Forward(x, p50, 1, 32, 1.3f, 1f, null, 50);
        EntmaxBisect.Forward(x, p500, 1, 32, 1.3f, 1f, null, 500);
        Assert.Equal(p50, p500);
    }

    [Fact]
    public void Alpha_close_to_one_in_float_stays_a_distribution_near_softmax()
    {
        // With X = (α−1)s the max entry contributes (−τ)^(1/(α−1)) ≥ 1/d, so nothing underflows; float only
        // loses relative precision (~ε/(α−1)), hence the loose bound.
        float[] x = RandomScores.Normal(4, 10).Select(v => (float)v).ToArray();
        var p = new float[10];
        EntmaxBisect.Forward<float>(x, p, 1.001f, 1f);
        var softmax = new double[10];
        Softmax.Forward<double>(x.Select(v => (double)v).ToArray(), softmax, 1.0);
        Assert.All(p, v => Assert.True(v > 0));
        Assert.Equal(1.0, p.Sum(v => (double)v), 1e-6);
        Expect.Close(softmax, p.Select(v => (double)v).ToArray(), 5e-3, 0, "alpha=1.001 float vs softmax");
    }
}
