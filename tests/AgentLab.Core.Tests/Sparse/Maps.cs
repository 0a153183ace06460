using AgentLab.Sparse;

namespace AgentLab.Tests.Sparse;

internal delegate void BatchForward(ReadOnlySpan<double> scores, Span<double> probs, int rows, int cols, double temperature,
    RowSupports? supports);

internal delegate void BatchBackward(ReadOnlySpan<double> probs, ReadOnlySpan<double> dy, Span<double> dx, int rows, int cols,
    double temperature, RowSupports? supports);

/// <summary>One probability map under test in double, behind a uniform batched signature.</summary>
internal sealed record MapUnderTest(string Name, BatchForward Forward, BatchBackward Backward, bool IsSparse)
{
    public double[] Apply(double[] x, double temperature = 1.0)
    {
        var y = new double[x.Length];
        Forward(x, y, 1, x.Length, temperature, null);
        return y;
    }

    public double[] Vjp(double[] y, double[] dy, double temperature = 1.0)
    {
        var dx = new double[y.Length];
        Backward(y, dy, dx, 1, y.Length, temperature, null);
        return dx;
    }

    public override string ToString() => Name;
}

/// <summary>The maps every property test runs over, by name (xunit member data needs serializable arguments).</summary>
internal static class Maps
{
    public static readonly IReadOnlyDictionary<string, MapUnderTest> ByName = new MapUnderTest[]
    {
        new("softmax", (x, y, r, c, t, s) => Softmax.Forward(x, y, r, c, t, s), (p, g, d, r, c, t, _) => Softmax.Backward(p, g, d, r, c, t), false),
        new("sparsemax", (x, y, r, c, t, s) => Sparsemax.Forward(x, y, r, c, t, s), (p, g, d, r, c, t, s) => Sparsemax.Backward(p, g, d, r, c, t, s), true),
        new("sparsemax-sorted", (x, y, r, c, t, s) => Sparsemax.ForwardSorted(x, y, r, c, t, s), (p, g, d, r, c, t, s) => Sparsemax.Backward(p, g, d, r, c, t, s), true),
        new("entmax15", (x, y, r, c, t, s) => Entmax15.Forward(x, y, r, c, t, s), (p, g, d, r, c, t, s) => Entmax15.Backward(p, g, d, r, c, t, s), true),
        new("entmax15-sorted", (x, y, r, c, t, s) => Entmax15.ForwardSorted(x, y, r, c, t, s), (p, g, d, r, c, t, s) => Entmax15.Backward(p, g, d, r, c, t, s), true),
        Entmax(1.25), Entmax(1.5), Entmax(2.0), Entmax(2.5),
        Normmax(1.5), Normmax(2.0), Normmax(5.0),
    }.ToDictionary(m => m.Name);

    public static TheoryData<string> All => new(ByName.Keys);

    public static TheoryData<string> Sparse => new(ByName.Values.Where(m => m.IsSparse).Select(m => m.Name));

    private static MapUnderTest Entmax(double alpha) => new($"entmax-bisect-{alpha}",
        (x, y, r, c, t, s) => EntmaxBisect.Forward(x, y, r, c, alpha, t, s),
        (p, g, d, r, c, t, s) => EntmaxBisect.Backward(p, g, d, r, c, alpha, t, s), true);

    private static MapUnderTest Normmax(double alpha) => new($"normmax-{alpha}",
        (x, y, r, c, t, s) => NormmaxBisect.Forward(x, y, r, c, alpha, t, s),
        (p, g, d, r, c, t, s) => NormmaxBisect.Backward(p, g, d, r, c, alpha, t, s), true);
}

/// <summary>Seeded normal draws for reproducible random inputs.</summary>
internal static class RandomScores
{
    public static double[] Normal(int seed, int count, double scale = 1.0)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            values[i] = scale * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return values;
    }
}
