using AgentLab.Numerics;

namespace AgentLab.Tests.Numerics;

/// <summary>
/// Checks a tape op two ways against a float64 oracle written naively in the test: the forward values, and
/// the backward (vector-Jacobian product) against central finite differences of the oracle.
/// </summary>
internal static class GradientCheck
{
    /// <param name="inputShapes">shapes of the op's inputs</param>
    /// <param name="op">the op under test, on a tape, given input vars</param>
    /// <param name="oracle">the same function in float64 over flat inputs</param>
    public static void Run(int seed, int[][] inputShapes, Func<Tape, Var[], Var> op, Func<double[][], double[]> oracle,
        double forwardTol = 1e-5, double gradTol = 2e-3, Func<Random, int, int[], float[]>? makeInput = null)
    {
        var rand = new Random(seed);
        var inputs = inputShapes.Select((s, k) => makeInput?.Invoke(rand, k, s) ?? RandomArray(rand, ShapeOf.Size(s))).ToArray();
        var tape = new Tape();
        var vars = inputs.Select((x, k) => tape.Input(new Tensor((float[])x.Clone(), inputShapes[k]), $"in{k}")).ToArray();
        var y = op(tape, vars);

        var x64 = inputs.Select(a => a.Select(v => (double)v).ToArray()).ToArray();
        var expected = oracle(x64);
        Assert.Equal(expected.Length, y.Value.Length);
        for (int i = 0; i < expected.Length; i++)
            AssertClose(expected[i], y.Value.Data[i], forwardTol, $"forward[{i}]");

        var cot = RandomArray(rand, y.Value.Length);
        tape.Backward(y, cot);

        const double h = 1e-6;
        for (int k = 0; k < inputs.Length; k++)
        {
            var grad = vars[k].Grad?.Data ?? new float[inputs[k].Length];
            for (int j = 0; j < inputs[k].Length; j++)
            {
                double saved = x64[k][j];
                x64[k][j] = saved + h; double up = Dot(oracle(x64), cot);
                x64[k][j] = saved - h; double down = Dot(oracle(x64), cot);
                x64[k][j] = saved;
                AssertClose((up - down) / (2 * h), grad[j], gradTol, $"d/d in{k}[{j}]");
            }
        }
    }

    public static float[] RandomArray(Random rand, int n) =>
        Enumerable.Range(0, n).Select(_ => (float)(rand.NextDouble() * 2 - 1)).ToArray();

    private static double Dot(double[] a, float[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>Mixed absolute/relative tolerance: float32 results of magnitude m are good to about tol·max(1, m).</summary>
    public static void AssertClose(double expected, double actual, double tol, string what)
    {
        double scale = Math.Max(1.0, Math.Abs(expected));
        if (!(Math.Abs(expected - actual) <= tol * scale))
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R} (tolerance {tol} x {scale:G3})");
    }
}
