using System.Numerics;
using AgentLab.Sparse;

namespace AgentLab.Tests.Sparse;

/// <summary>
/// The 1.5-entmax threshold is the sorted-prefix scan of docs/ALGORITHMS.md §4 with its exact arithmetic
/// (running sums, then mean, mean square, ss, δ, τ_k = mean − √max(δ, 0)), whatever lanes compute it.
/// </summary>
public class Entmax15ThresholdTests
{
    [Fact]
    public void Threshold_and_support_equal_the_scalar_scan_bit_for_bit()
    {
        var random = new Random(51);
        foreach (int cols in new[] { 1, 2, 5, 8, 9, 16, 17, 31, 32, 33, 40, 65, 256 })
        {
            foreach (double scale in new[] { 0.01, 0.3, 1.0, 10.0 })
            {
                for (int trial = 0; trial < 6; trial++)
                {
                    double[] x = Enumerable.Range(0, cols).Select(_ => (random.NextDouble() * 2 - 1) * scale).ToArray();
                    double temperature = new[] { 0.3, 1.0, 2.0 }[trial % 3];
                    Check(x, temperature);
                    Check(x.Select(v => (float)v).ToArray(), (float)temperature);
                }
            }
        }
    }

    private static void Check<T>(T[] x, T temperature) where T : IFloatingPointIeee754<T>
    {
        var result = Entmax15.ForwardSorted<T>(x, new T[x.Length], temperature);
        T max = x.Max()!;
        T scale = T.One / temperature * (T.One / (T.One + T.One));
        T[] sorted = x.Select(v => (v - max) * scale).OrderByDescending(v => v).ToArray();
        int k = Scan(sorted, out T tau);
        Assert.Equal(k, result.SupportSize);
        Assert.Equal(tau + max * scale, result.Tau);
    }

    private static int Scan<T>(T[] sorted, out T tau) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero, sumSquares = T.Zero, count = T.Zero;
        tau = T.Zero;
        int k = 0;
        for (; k < sorted.Length; k++)
        {
            T u = sorted[k], nextCount = count + T.One, nextSum = sum + u, nextSumSquares = sumSquares + u * u;
            T mean = nextSum / nextCount, meanSquare = nextSumSquares / nextCount;
            T delta = (T.One - nextCount * (meanSquare - mean * mean)) / nextCount;
            T candidate = mean - T.Sqrt(delta > T.Zero ? delta : T.Zero);
            if (!(candidate <= u)) break;
            (sum, sumSquares, count, tau) = (nextSum, nextSumSquares, nextCount, candidate);
        }
        return k;
    }
}
