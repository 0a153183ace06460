using AgentLab.Sparse;

namespace AgentLab.Tests.Sparse;

/// <summary>Fenchel–Young losses: margins (exact zeros), distribution targets, batching and invalid targets.</summary>
public class LossTests
{
    /// <summary>Loss of one row in precision T for a class target; also returns the gradient.</summary>
    private static (T Loss, T[] Grad) Loss<T>(string name, T[] x, int target) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var grad = new T[x.Length];
        T loss = name switch
        {
            "sparsemax" => Sparsemax.Loss<T>(x, target, grad, T.One),
            "entmax15" => Entmax15.Loss<T>(x, target, grad, T.One),
            "entmax-1.25" => EntmaxBisect.Loss<T>(x, target, grad, T.CreateTruncating(1.25), T.One),
            "entmax-3" => EntmaxBisect.Loss<T>(x, target, grad, T.CreateTruncating(3.0), T.One),
            "normmax-2" => NormmaxBisect.Loss<T>(x, target, grad, T.CreateTruncating(2.0), T.One),
            "normmax-5" => NormmaxBisect.Loss<T>(x, target, grad, T.CreateTruncating(5.0), T.One),
            _ => throw new ArgumentException(name),
        };
        return (loss, grad);
    }

    /// <summary>The margin of α-entmax is 1/(α−1); normmax's is 1 (q_y = 1 needs s_y − τ = 1).</summary>
    [Theory]
    [InlineData("sparsemax", 1.0)]
    [InlineData("entmax15", 2.0)]
    [InlineData("entmax-1.25", 4.0)]
    [InlineData("entmax-3", 0.5)]
    [InlineData("normmax-2", 1.0)]
    [InlineData("normmax-5", 1.0)]
    public void Loss_is_exactly_zero_once_the_gap_reaches_the_margin(string name, double margin)
    {
        foreach (double gap in new[] { margin, margin + 0.25, 10 * margin })
        {
            double[] x = [0.25 - gap, 0.25, 0.25 - gap - 3.0, 0.25 - gap - 0.5];
            var (loss, grad) = Loss(name, x, 1);
            Assert.Equal(0.0, loss);
            Assert.All(grad, v => Assert.Equal(0.0, v));

            var (lossF, gradF) = Loss(name, x.Select(v => (float)v).ToArray(), 1);
            Assert.Equal(0f, lossF);
            Assert.All(gradF, v => Assert.Equal(0f, v));
        }
    }

    [Theory]
    [InlineData("sparsemax", 1.0)]
    [InlineData("entmax15", 2.0)]
    [InlineData("entmax-1.25", 4.0)]
    [InlineData("normmax-2", 1.0)]
    public void Loss_is_positive_just_inside_the_margin(string name, double margin)
    {
        double[] x = [0.0, margin * 0.99];
        var (loss, grad) = Loss(name, x, 1);
        Assert.True(loss > 0, $"{name}: loss {loss} inside the margin");
        Assert.True(grad[1] < 0);
    }

    [Fact]
    public void Softmax_cross_entropy_is_exactly_zero_when_the_other_classes_underflow()
    {
        var grad = new double[3];
        Assert.Equal(0.0, Softmax.Loss<double>([0.0, 800.0, -5.0], 1, grad, 1.0));
        Assert.All(grad, v => Assert.Equal(0.0, v));
        Assert.True(Softmax.Loss<double>([0.0, 8.0, -5.0], 1, grad, 1.0) > 0);
    }

    [Fact]
    public void Wrong_class_with_a_large_gap_costs_the_gap()
    {
        // Sparsemax loss for p* = e_0 and target 1: L = ⟨e_0 − e_1, s⟩ = s_0 − s_1 (H(e_0) = 0).
        var grad = new double[3];
        Assert.Equal(7.5, Sparsemax.Loss<double>([9.0, 1.5, 0.0], 1, grad, 1.0), 1e-12);
        Assert.Equal([1.0, -1.0, 0.0], grad);
    }

    [Theory]
    [InlineData("softmax")]
    [InlineData("sparsemax")]
    [InlineData("entmax15")]
    [InlineData("entmax")]
    [InlineData("normmax")]
    public void One_hot_distribution_targets_equal_class_targets_and_batches_equal_rows(string name)
    {
        const int rows = 5, cols = 6;
        double[] x = RandomScores.Normal(31, rows * cols);
        int[] targets = [0, 5, 2, 2, 3];
        var oneHot = new double[rows * cols];
        for (int r = 0; r < rows; r++) oneHot[r * cols + targets[r]] = 1;
        var (lossIdx, gradIdx) = (new double[rows], new double[rows * cols]);
        var (lossDist, gradDist) = (new double[rows], new double[rows * cols]);
        BatchLoss(name, x, targets, null, lossIdx, gradIdx, rows, cols);
        BatchLoss(name, x, null, oneHot, lossDist, gradDist, rows, cols);
        Expect.Close(lossIdx, lossDist, 1e-14, 1e-14, "loss");
        Expect.Close(gradIdx, gradDist, 1e-15, 0, "grad");
        Assert.All(lossIdx, v => Assert.True(v > 0));
    }

    [Theory]
    [InlineData("softmax")]
    [InlineData("sparsemax")]
    [InlineData("entmax15")]
    [InlineData("entmax")]
    [InlineData("normmax")]
    public void Loss_against_the_model_own_distribution_is_zero(string name)
    {
        const int rows = 3, cols = 5;
        double[] x = RandomScores.Normal(32, rows * cols, 0.5);
        var p = new double[rows * cols];
        var losses = new double[rows];
        // With q = p* the gradient p* − q vanishes and L = 0 (the FY loss is a divergence).
        BatchLoss(name, x, [0, 0, 0], null, losses, p, rows, cols);
        for (int r = 0; r < rows; r++) p[r * cols] += 1; // undo "− onehot(0)": p now holds p*
        var grad = new double[rows * cols];
        BatchLoss(name, x, null, p, losses, grad, rows, cols);
        Assert.All(losses, v => Assert.Equal(0.0, v, 1e-9));
        Assert.All(grad, v => Assert.Equal(0.0, v, 1e-9));
    }

    [Fact]
    public void Target_on_a_masked_entry_has_infinite_loss()
    {
        var grad = new double[3];
        Assert.Equal(double.PositiveInfinity, Sparsemax.Loss<double>([0.0, double.NegativeInfinity, 1.0], 1, grad, 1.0));
        Assert.Equal(double.PositiveInfinity, Softmax.Loss<double>([0.0, double.NegativeInfinity, 1.0], 1, grad, 1.0));
    }

    [Fact]
    public void Invalid_targets_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sparsemax.Loss<double>([0.0, 1.0], 2, new double[2], 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Entmax15.Loss<double>([0.0, 1.0], -1, new double[2], 1.0));
        var error = Assert.Throws<ArgumentException>(() =>
            Sparsemax.Loss([0.0, 1.0], [0.5, -0.5], new double[1], new double[2], 1, 2, 1.0));
        Assert.Contains("target row 0, column 1", error.Message);
    }

    [Fact]
    public void Temperature_scales_the_gradient()
    {
        double[] x = [0.3, 1.1, -0.2];
        var g1 = new double[3];
        var g2 = new double[3];
        Sparsemax.Loss<double>(x, 0, g1, 1.0);
        Sparsemax.Loss<double>(x.Select(v => 2 * v).ToArray(), 0, g2, 2.0);
        // Same s = x/T, so p* is the same and ∂L/∂x carries 1/T.
        Expect.Close(g1.Select(v => v / 2).ToArray(), g2, 1e-15, 0, "grad at T=2");
    }

    private static void BatchLoss(string name, double[] x, int[]? targets, double[]? q, double[] losses, double[] grad, int rows, int cols)
    {
        switch (name, targets is null)
        {
            case ("softmax", false): Softmax.Loss(x, targets, losses, grad, rows, cols, 1.0); break;
            case ("softmax", true): Softmax.Loss(x, q, losses, grad, rows, cols, 1.0); break;
            case ("sparsemax", false): Sparsemax.Loss(x, targets, losses, grad, rows, cols, 1.0); break;
            case ("sparsemax", true): Sparsemax.Loss(x, q, losses, grad, rows, cols, 1.0); break;
            case ("entmax15", false): Entmax15.Loss(x, targets, losses, grad, rows, cols, 1.0); break;
            case ("entmax15", true): Entmax15.Loss(x, q, losses, grad, rows, cols, 1.0); break;
            case ("entmax", false): EntmaxBisect.Loss(x, targets, losses, grad, rows, cols, 1.7, 1.0); break;
            case ("entmax", true): EntmaxBisect.Loss(x, q, losses, grad, rows, cols, 1.7, 1.0); break;
            case ("normmax", false): NormmaxBisect.Loss(x, targets, losses, grad, rows, cols, 2.5, 1.0); break;
            case ("normmax", true): NormmaxBisect.Loss(x, q, losses, grad, rows, cols, 2.5, 1.0); break;
            default: throw new ArgumentException(name);
        }
    }
}
