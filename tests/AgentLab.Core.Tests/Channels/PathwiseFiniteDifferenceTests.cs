using AgentLab.Channels.Pathwise;
using AgentLab.Tests.Sparse;

namespace AgentLab.Tests.Channels;

/// <summary>
/// Each sample's VJP against central differences of ⟨g, y(l)⟩ with the noise held fixed, in double
/// (h = 1e-6). Random inputs almost surely sit away from the kinks (support changes, clips), where the
/// difference quotient would mean nothing.
/// </summary>
public class PathwiseFiniteDifferenceTests
{
    private const double Step = 1e-6, Tolerance = 1e-6;
    private const int Size = 9;

    /// <summary>A sample as a function of the logits (noise fixed) and its VJP.</summary>
    private sealed record Sample(Func<double[], double[]> Forward, Func<double[], double[], double[]> Vjp);

    private static Sample GaussianSparsemax(int seed)
    {
        double[] normals = RandomScores.Normal(seed + 500, Size);
        double[] Y(double[] l)
        {
            var y = new double[Size];
            GaussianSparsemaxSample.Forward<double>(l, normals, 0.8, new double[Size], y);
            return y;
        }
        return new Sample(Y, (l, g) =>
        {
            var d = new double[Size];
            GaussianSparsemaxSample.AddVjp<double>(Y(l), g, d);
            return d;
        });
    }

    private static Sample KdHardConcrete(int seed, double temperature, double lambda)
    {
        double[] gumbels = RandomScores.Normal(seed + 600, Size).Select(u => GumbelNoise.FromUniform<double>(0.5 + 0.45 * Math.Tanh(u))).ToArray();
        (double[] Relaxed, double[] Y) Run(double[] l)
        {
            var relaxed = new double[Size];
            var y = new double[Size];
            KdHardConcreteSample.Forward<double>(l, gumbels, temperature, lambda, relaxed, y);
            return (relaxed, y);
        }
        return new Sample(l => Run(l).Y, (l, g) =>
        {
            var (relaxed, y) = Run(l);
            var d = new double[Size];
            KdHardConcreteSample.AddVjp<double>(relaxed, y, g, temperature, lambda, d);
            return d;
        });
    }

    private static Sample GumbelSoftmax(int seed, double temperature)
    {
        double[] gumbels = RandomScores.Normal(seed + 700, Size);
        double[] Y(double[] l)
        {
            var y = new double[Size];
            GumbelSoftmaxSample.Forward<double>(l, gumbels, temperature, y);
            return y;
        }
        return new Sample(Y, (l, g) =>
        {
            var d = new double[Size];
            GumbelSoftmaxSample.AddVjp<double>(Y(l), g, temperature, d);
            return d;
        });
    }

    private static Sample BitGaussianSparsemax(int seed)
    {
        double[] n0 = RandomScores.Normal(seed + 800, Size), n1 = RandomScores.Normal(seed + 900, Size);
        double[] Y(double[] l)
        {
            var y = new double[Size];
            BitGaussianSparsemaxSample.Forward<double>(l.Select(v => 0.5 + 0.3 * v).ToArray(), n0, n1, 0.7, y);
            return y;
        }
        // The logits are mapped to 0.5 + 0.3·v so most bits land inside (0, 1): chain rule factor 0.3.
        return new Sample(Y, (l, g) =>
        {
            var d = new double[Size];
            BitGaussianSparsemaxSample.AddVjp<double>(Y(l), g, d);
            return d.Select(v => 0.3 * v).ToArray();
        });
    }

    private static double[] Uniforms(int seed) => RandomScores.Normal(seed + 1000, Size).Select(v => 0.5 + 0.49 * Math.Tanh(v)).ToArray();

    private static Sample BinaryConcrete(int seed, double temperature)
    {
        double[] u = Uniforms(seed);
        double[] Y(double[] l)
        {
            var y = new double[Size];
            BinaryConcreteSample.Forward<double>(l, u, temperature, y);
            return y;
        }
        return new Sample(Y, (l, g) =>
        {
            var d = new double[Size];
            BinaryConcreteSample.AddVjp<double>(l, Y(l), g, temperature, d);
            return d;
        });
    }

    private static Sample HardConcreteBit(int seed, double temperature)
    {
        double[] u = Uniforms(seed);
        (double[] Relaxed, double[] Y) Run(double[] l)
        {
            var relaxed = new double[Size];
            var y = new double[Size];
            HardConcreteBitSample.Forward<double>(l, u, temperature, -0.1, 1.1, relaxed, y);
            return (relaxed, y);
        }
        return new Sample(l => Run(l).Y, (l, g) =>
        {
            var (relaxed, y) = Run(l);
            var d = new double[Size];
            HardConcreteBitSample.AddVjp<double>(l, relaxed, y, g, temperature, -0.1, 1.1, d);
            return d;
        });
    }

    public static TheoryData<string> Samples => new()
    {
        "gaussian-sparsemax", "kd-hard-concrete T=0.5 λ=1.1", "kd-hard-concrete T=1 λ=1.2", "kd-hard-concrete T=2 λ=1.1",
        "gumbel-softmax T=0.5", "gumbel-softmax T=2", "bit-gaussian-sparsemax", "binary-concrete T=0.5", "hard-concrete-bit T=0.5",
        "hard-concrete-bit T=1",
    };

    private static Sample Build(string name, int seed) => name switch
    {
        "gaussian-sparsemax" => GaussianSparsemax(seed),
        "kd-hard-concrete T=0.5 λ=1.1" => KdHardConcrete(seed, 0.5, 1.1),
        "kd-hard-concrete T=1 λ=1.2" => KdHardConcrete(seed, 1.0, 1.2),
        "kd-hard-concrete T=2 λ=1.1" => KdHardConcrete(seed, 2.0, 1.1),
        "gumbel-softmax T=0.5" => GumbelSoftmax(seed, 0.5),
        "gumbel-softmax T=2" => GumbelSoftmax(seed, 2.0),
        "bit-gaussian-sparsemax" => BitGaussianSparsemax(seed),
        "binary-concrete T=0.5" => BinaryConcrete(seed, 0.5),
        "hard-concrete-bit T=0.5" => HardConcreteBit(seed, 0.5),
        "hard-concrete-bit T=1" => HardConcreteBit(seed, 1.0),
        _ => throw new ArgumentException(name),
    };

    [Theory, MemberData(nameof(Samples))]
    public void Vjp_matches_central_differences_with_the_noise_fixed(string name)
    {
        int informative = 0;
        for (int seed = 1; seed <= 4; seed++)
        {
            var sample = Build(name, seed);
            double[] l = RandomScores.Normal(seed, Size);
            double[] g = RandomScores.Normal(100 + seed, Size);
            double[] vjp = sample.Vjp(l, g);
            var numeric = new double[Size];
            for (int i = 0; i < Size; i++)
            {
                double saved = l[i];
                l[i] = saved + Step; double up = Dot(g, sample.Forward(l));
                l[i] = saved - Step; double down = Dot(g, sample.Forward(l));
                l[i] = saved;
                numeric[i] = (up - down) / (2 * Step);
            }
            Expect.Close(numeric, vjp, Tolerance, Tolerance, $"{name} seed={seed}");
            if (vjp.Any(v => Math.Abs(v) > 1e-3)) informative++;
        }
        Assert.True(informative >= 2, "most draws must have a non-trivial gradient, or the check is 0 = 0");
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
