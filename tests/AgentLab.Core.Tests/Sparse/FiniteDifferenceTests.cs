using AgentLab.Sparse;

namespace AgentLab.Tests.Sparse;

/// <summary>
/// VJPs against central differences of ⟨g, f(x)⟩ in double (h = 1e-6). The random inputs sit away from the
/// kinks of the sparse maps (a support change within ±h would make the difference quotient meaningless).
/// </summary>
public class FiniteDifferenceTests
{
    private const double Step = 1e-6;

    public static TheoryData<string> AllMaps => Maps.All;

    [Theory, MemberData(nameof(AllMaps))]
    public void Vjp_matches_central_differences(string name)
    {
        var map = Maps.ByName[name];
        int informative = 0;
        foreach (double temperature in new[] { 0.5, 1.0, 3.0 })
        {
            for (int seed = 1; seed <= 3; seed++)
            {
                double[] x = RandomScores.Normal(seed, 9);
                double[] g = RandomScores.Normal(100 + seed, 9);
                double[] vjp = map.Vjp(map.Apply(x, temperature), g, temperature);
                double[] numeric = Gradient(v => Dot(g, map.Apply(v, temperature)), x);
                Expect.Close(numeric, vjp, 1e-6, 1e-6, $"{name} T={temperature} seed={seed}");
                if (vjp.Any(v => Math.Abs(v) > 1e-3)) informative++;
            }
        }
        Assert.True(informative >= 3, "most cases must have a support of 2+ so the check is not 0 = 0");
    }

    [Theory]
    [InlineData(1.25)]
    [InlineData(1.5)]
    [InlineData(2.0)]
    [InlineData(2.5)]
    public void Entmax_alpha_gradient_matches_central_differences(double alpha)
    {
        for (int seed = 1; seed <= 4; seed++)
        {
            double[] x = RandomScores.Normal(seed, 8);
            double[] g = RandomScores.Normal(50 + seed, 8);
            var y = new double[x.Length];
            EntmaxBisect.Forward<double>(x, y, alpha, 0.7);
            double dAlpha = EntmaxBisect.Backward<double>(y, g, new double[x.Length], alpha, 0.7);
            double numeric = (Objective(alpha + Step) - Objective(alpha - Step)) / (2 * Step);
            Expect.Close(numeric, dAlpha, 1e-6, 1e-6, $"d_alpha seed={seed}");

            double Objective(double a)
            {
                var p = new double[x.Length];
                EntmaxBisect.Forward<double>(x, p, a, 0.7);
                return Dot(g, p);
            }
        }
    }

    [Fact]
    public void Entmax_alpha_gradient_also_matches_in_a_batch()
    {
        const int rows = 3, cols = 6;
        double[] x = RandomScores.Normal(7, rows * cols);
        double[] g = RandomScores.Normal(8, rows * cols);
        var y = new double[x.Length];
        EntmaxBisect.Forward(x, y, rows, cols, 1.7, 1.0);
        var dAlpha = new double[rows];
        EntmaxBisect.Backward(y, g, new double[x.Length], rows, cols, 1.7, 1.0, null, dAlpha);
        for (int r = 0; r < rows; r++)
        {
            var row = y.AsSpan(r * cols, cols);
            double single = EntmaxBisect.Backward<double>(row, g.AsSpan(r * cols, cols), new double[cols], 1.7, 1.0);
            Assert.Equal(single, dAlpha[r]);
        }
    }

    [Theory]
    [InlineData("softmax")]
    [InlineData("sparsemax")]
    [InlineData("entmax15")]
    [InlineData("entmax")]
    [InlineData("normmax")]
    public void Loss_gradient_matches_central_differences(string name)
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            double[] x = RandomScores.Normal(seed, 7);
            int target = seed % 7;
            var grad = new double[x.Length];
            Loss(name, x, target, grad);
            double[] numeric = Gradient(v => Loss(name, v, target, new double[v.Length]), x);
            Expect.Close(numeric, grad, 1e-6, 1e-6, $"{name} loss gradient seed={seed}");
        }
    }

    [Theory]
    [InlineData(12, 4, 1.0)]
    [InlineData(10, 8, 0.5)]
    [InlineData(6, 64, 2.0)]
    public void TopK_vjp_matches_central_differences(int bits, int k, double temperature)
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            double[] x = RandomScores.Normal(seed, bits, 0.3);
            int count = TopKSparsemax.ConfigCount(bits, k);
            double[] g = RandomScores.Normal(30 + seed, count);
            var (configs, p) = TopK(x, k, temperature);
            var dx = new double[bits];
            TopKSparsemax.Backward<double>(configs, p, g, dx, k, temperature);
            double[] numeric = Gradient(v =>
            {
                var (c2, p2) = TopK(v, k, temperature);
                Assert.Equal(configs, c2); // the configurations are piecewise constant; h must not cross a switch
                return Dot(g, p2);
            }, x);
            Expect.Close(numeric, dx, 1e-6, 1e-6, $"topk seed={seed}");
        }
    }

    private static (byte[] Configs, double[] P) TopK(double[] x, int k, double temperature)
    {
        int count = TopKSparsemax.ConfigCount(x.Length, k);
        var configs = new byte[count * x.Length];
        var p = new double[count];
        TopKSparsemax.Forward<double>(x, k, temperature, configs, new double[count], p, new double[x.Length]);
        return (configs, p);
    }

    private static double Loss(string name, double[] x, int target, double[] grad) => name switch
    {
        "softmax" => Softmax.Loss<double>(x, target, grad, 1.3),
        "sparsemax" => Sparsemax.Loss<double>(x, target, grad, 1.3),
        "entmax15" => Entmax15.Loss<double>(x, target, grad, 1.3),
        "entmax" => EntmaxBisect.Loss<double>(x, target, grad, 1.8, 1.3),
        "normmax" => NormmaxBisect.Loss<double>(x, target, grad, 3.0, 1.3),
        _ => throw new ArgumentException(name),
    };

    private static double[] Gradient(Func<double[], double> f, double[] x)
    {
        var gradient = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
            plus[i] += Step;
            minus[i] -= Step;
            gradient[i] = (f(plus) - f(minus)) / (2 * Step);
        }
        return gradient;
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (u, v) => u * v).Sum();
}
