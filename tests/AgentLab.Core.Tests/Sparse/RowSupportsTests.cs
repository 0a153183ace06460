using AgentLab.Sparse;

namespace AgentLab.Tests.Sparse;

public class RowSupportsTests
{
    [Fact]
    public void Forward_fills_ascending_support_indices_per_row()
    {
        var supports = new RowSupports(2, 4);
        var p = new double[8];
        Sparsemax.Forward([3.0, 0.0, 2.5, -1.0, /* row 1 */ 0.0, 0.1, 5.0, double.NegativeInfinity], p, 2, 4, 1.0, supports);
        Assert.Equal([0, 2], supports[0].ToArray());
        Assert.Equal([2], supports[1].ToArray());
        Assert.Equal(2, supports.Count(0));
        Assert.Equal(3, supports.TotalCount);
    }

    [Fact]
    public void Reuse_reshapes_and_clears_counts()
    {
        var supports = new RowSupports(8, 8);
        var p = new double[3];
        Softmax.Forward([0.0, 1.0, double.NegativeInfinity], p, 1, 3, 1.0, supports);
        Assert.Equal(1, supports.Rows);
        Assert.Equal(3, supports.Cols);
        Assert.Equal([0, 1], supports[0].ToArray());
        supports.Reset(2, 2);
        Assert.Equal(0, supports.TotalCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => supports[2].ToArray());
    }
}
