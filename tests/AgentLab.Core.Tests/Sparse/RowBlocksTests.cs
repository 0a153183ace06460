using AgentLab.Sparse;

namespace AgentLab.Tests.Sparse;

/// <summary>Batches large enough to run in parallel blocks behave exactly like row-by-row calls.</summary>
public class RowBlocksTests
{
    private const int Rows = 600, Cols = 256; // 153,600 entries: above the parallel threshold

    public static TheoryData<string> AllMaps => Maps.All;

    [Fact]
    public void The_test_batch_is_large_enough_to_run_in_blocks() => Assert.True(Rows * Cols >= RowBlocks.MinParallelEntries);

    [Theory, MemberData(nameof(AllMaps))]
    public void Large_batches_equal_row_by_row_calls_forward_and_backward(string name)
    {
        var map = Maps.ByName[name];
        double[] x = RandomScores.Normal(41, Rows * Cols, 1.5);
        double[] g = RandomScores.Normal(42, Rows * Cols);
        var y = new double[x.Length];
        var dx = new double[x.Length];
        var supports = new RowSupports(Rows, Cols);
        map.Forward(x, y, Rows, Cols, 0.8, supports);
        map.Backward(y, g, dx, Rows, Cols, 0.8, map.IsSparse ? supports : null);
        for (int r = 0; r < Rows; r += 7)
        {
            double[] row = x.AsSpan(r * Cols, Cols).ToArray();
            double[] yRow = map.Apply(row, 0.8);
            Assert.Equal(yRow, y.AsSpan(r * Cols, Cols).ToArray());
            Assert.Equal(map.Vjp(yRow, g.AsSpan(r * Cols, Cols).ToArray(), 0.8), dx.AsSpan(r * Cols, Cols).ToArray());
            Assert.Equal(Enumerable.Range(0, Cols).Where(i => yRow[i] > 0).ToArray(), supports[r].ToArray());
        }
    }

    [Theory, MemberData(nameof(AllMaps))]
    public void Large_batches_report_the_first_bad_row_as_a_plain_argument_exception(string name)
    {
        var map = Maps.ByName[name];
        double[] x = RandomScores.Normal(43, Rows * Cols);
        x[(Rows - 2) * Cols + 5] = double.NaN;
        x[400 * Cols + 9] = double.NaN;
        var error = Assert.Throws<ArgumentException>(() => map.Forward(x, new double[x.Length], Rows, Cols, 1.0, null));
        Assert.Contains("row 400, column 9 is NaN", error.Message);
    }
}
