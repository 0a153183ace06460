using System.Numerics;
using AgentLab.Sparse;

namespace AgentLab.Tests.Sparse;

/// <summary>Runs a golden case through the kernels in precision T and returns the outputs as doubles.</summary>
internal static class GoldenRunner
{
    public sealed record MapOutput(double[] Y, double[] Vjp, double Tau, int SupportSize, double DAlpha);

    public sealed record LossOutput(double Loss, double[] PStar, double[] Grad);

    public sealed record TopKOutput(string[] Configs, double[] ConfigScores, double[] P, double[] ExpectedBits, double[] Vjp);

    public static T[] To<T>(IEnumerable<double> values) where T : IFloatingPointIeee754<T> => values.Select(T.CreateTruncating).ToArray();

    public static double[] ToDouble<T>(IEnumerable<T> values) where T : IFloatingPointIeee754<T> =>
        values.Select(double.CreateTruncating).ToArray();

    /// <summary>
    /// max_i |T(x_i) − x_i| / temperature: how far rounding the reference input to T already moves s = x/T.
    /// For ordinary inputs in float this is ~1e-8; for offsets of 1e6 it is ~0.03, which no float
    /// implementation can undo, so float tolerances add a multiple of it.
    /// </summary>
    public static double InputRounding<T>(IEnumerable<double> x, double temperature) where T : IFloatingPointIeee754<T>
    {
        double worst = 0;
        foreach (double v in x)
        {
            if (!double.IsFinite(v)) continue;
            worst = Math.Max(worst, Math.Abs(double.CreateTruncating(T.CreateTruncating(v)) - v));
        }
        return worst / temperature;
    }

    /// <summary>Forward + backward of a map op (softmax, sparsemax, entmax15, entmax_bisect, normmax_bisect).</summary>
    public static MapOutput RunMap<T>(GoldenCase c) where T : IFloatingPointIeee754<T>
    {
        T[] x = To<T>(c.X);
        T[] g = To<T>(c.Cotangent!);
        T temperature = T.CreateTruncating(c.Temperature);
        var y = new T[x.Length];
        var dx = new T[x.Length];
        double tau = double.NaN, dAlpha = double.NaN;
        switch (c.Op)
        {
            case "softmax":
                Softmax.Forward<T>(x, y, temperature);
                Softmax.Backward<T>(y, g, dx, temperature);
                break;
            case "sparsemax":
                tau = double.CreateTruncating(Sparsemax.Forward<T>(x, y, temperature).Tau);
                Sparsemax.Backward<T>(y, g, dx, temperature);
                break;
            case "entmax15":
                tau = double.CreateTruncating(Entmax15.Forward<T>(x, y, temperature).Tau);
                Entmax15.Backward<T>(y, g, dx, temperature);
                break;
            case "entmax_bisect":
            {
                T alpha = T.CreateTruncating(c.Alpha);
                tau = double.CreateTruncating(EntmaxBisect.Forward<T>(x, y, alpha, temperature).Tau);
                dAlpha = double.CreateTruncating(EntmaxBisect.Backward<T>(y, g, dx, alpha, temperature));
                break;
            }
            case "normmax_bisect":
            {
                T alpha = T.CreateTruncating(c.Alpha);
                tau = double.CreateTruncating(NormmaxBisect.Forward<T>(x, y, alpha, temperature).Tau);
                NormmaxBisect.Backward<T>(y, g, dx, alpha, temperature);
                break;
            }
            default:
                throw new ArgumentException($"not a map op: {c.Op}");
        }
        return new MapOutput(ToDouble(y), ToDouble(dx), tau, y.Count(v => v > T.Zero), dAlpha);
    }

    /// <summary>Partial-sort op: the forward with the case's initial k.</summary>
    public static (double[] Y, int SupportSize) RunPartialSort<T>(GoldenCase c) where T : IFloatingPointIeee754<T>
    {
        T[] x = To<T>(c.X);
        var y = new T[x.Length];
        T temperature = T.CreateTruncating(c.Temperature);
        var result = c.Op switch
        {
            "sparsemax_partial_sort" => Sparsemax.ForwardPartialSort<T>(x, y, temperature, c.K),
            "entmax15_partial_sort" => Entmax15.ForwardPartialSort<T>(x, y, temperature, c.K),
            _ => throw new ArgumentException($"not a partial-sort op: {c.Op}"),
        };
        return (ToDouble(y), result.SupportSize);
    }

    /// <summary>Fenchel–Young loss op with the case's class target (temperature 1).</summary>
    public static LossOutput RunLoss<T>(GoldenCase c) where T : IFloatingPointIeee754<T>
    {
        T[] x = To<T>(c.X);
        var grad = new T[x.Length];
        int target = c.Target!.Value;
        T one = T.One;
        T loss = c.Op switch
        {
            "softmax_ce" => Softmax.Loss<T>(x, target, grad, one),
            "sparsemax_loss" => Sparsemax.Loss<T>(x, target, grad, one),
            "entmax15_loss" => Entmax15.Loss<T>(x, target, grad, one),
            "entmax_bisect_loss" => EntmaxBisect.Loss<T>(x, target, grad, T.CreateTruncating(c.Alpha), one),
            "normmax_bisect_loss" => NormmaxBisect.Loss<T>(x, target, grad, T.CreateTruncating(c.Alpha), one),
            _ => throw new ArgumentException($"not a loss op: {c.Op}"),
        };
        double[] g = ToDouble(grad);
        double[] pStar = g.Select((v, i) => i == target ? v + 1 : v).ToArray();
        return new LossOutput(double.CreateTruncating(loss), pStar, g);
    }

    /// <summary>Top-k sparsemax over bit-vectors: forward with the case's k, then the VJP of its cotangent.</summary>
    public static TopKOutput RunTopK<T>(GoldenCase c) where T : IFloatingPointIeee754<T>
    {
        T[] x = To<T>(c.X);
        int bits = x.Length, count = TopKSparsemax.ConfigCount(bits, c.K);
        var configs = new byte[count * bits];
        var scores = new T[count];
        var p = new T[count];
        var expected = new T[bits];
        TopKSparsemax.Forward<T>(x, c.K, T.One, configs, scores, p, expected);
        var dx = new T[bits];
        TopKSparsemax.Backward<T>(configs, p, To<T>(c.Cotangent!), dx, c.K, T.One);
        var strings = Enumerable.Range(0, count)
            .Select(j => string.Concat(configs.AsSpan(j * bits, bits).ToArray().Select(b => b == 1 ? '1' : '0')))
            .ToArray();
        return new TopKOutput(strings, ToDouble(scores), ToDouble(p), ToDouble(expected), ToDouble(dx));
    }
}
