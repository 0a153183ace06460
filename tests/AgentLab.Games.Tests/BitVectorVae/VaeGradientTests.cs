using AgentLab.Channels;
using AgentLab.Channels.BitVector;
using AgentLab.Games.BitVectorVae;
using AgentLab.Numerics;

namespace AgentLab.Games.Tests.BitVectorVae;

/// <summary>
/// A tiny VAE (6 pixels, D = 3, raw encoder scores so the sparse supports are wider than one configuration):
/// for the exact marginalization channels the gradient of one training step, with respect to encoder and
/// decoder parameters, equals the finite-difference gradient of the exact negative ELBO that the evaluation
/// plan computes (the same support and weights).
/// </summary>
public class VaeGradientTests
{
    private const int Pixels = 6, Bits = 3, Batch = 2;

    public static TheoryData<string> Channels => new() { "topk-sparsemax", "sparsemap", "sparsemap-budget" };

    private static IBitVectorChannel Create(string name) => name switch
    {
        "topk-sparsemax" => new TopKSparsemaxBitChannel(name, k: 4),
        "sparsemap" => new SparseMapBitChannel(name, budget: null, maxIterations: 1000),
        _ => new SparseMapBitChannel(name, budget: 1, maxIterations: 1000),
    };

    [Theory, MemberData(nameof(Channels))]
    public void Step_gradient_equals_finite_differences_of_the_exact_negative_elbo(string name)
    {
        var networks = new VaeNetworks(Pixels, Bits, hidden: 4, outRank: 2, learningRate: 1e-3f, new Rng(21), encoderLogSoftmax: false);
        var channel = Create(name);
        var step = new VaeStep(networks, channel, new ChannelContext(new Rng(1)), Batch);
        var images = new Tensor(Batch, Pixels);
        new Rng(5).FillUniform(images.Span);
        var levels = images.Data.Select(v => (byte)MathF.Round(v * 255)).ToArray();
        for (int i = 0; i < images.Length; i++) images.Data[i] = levels[i] / 255f;

        double Objective()
        {
            var bounds = new double[Batch];
            step.Evaluate(images, levels, bounds, new int[Batch]);
            return bounds.Average();
        }

        foreach (var p in networks.Parameters()) p.ZeroGrad();
        var outcome = step.AccumulateGradients(images, levels);
        Assert.True(outcome.DecoderCalls > 1, $"{name}: the supports should hold more than one configuration, got {outcome.DecoderCalls} calls per image");
        Assert.Equal(Objective(), outcome.NegativeElbo, 3);
        var rng = new Rng(8);
        int checkedEntries = 0;
        foreach (var p in networks.Parameters())
        {
            for (int t = 0; t < 2; t++)
            {
                int i = rng.NextInt(p.Value.Length);
                double numeric = CentralDifference(p, i, Objective), analytic = p.Gradient.Data[i];
                Assert.True(Math.Abs(numeric - analytic) <= 1e-3 * (1 + Math.Abs(numeric)),
                    $"{name}: d/d {p.Name}[{i}] = {analytic}, finite differences {numeric}");
                checkedEntries++;
            }
        }
        Assert.Equal(2 * networks.Parameters().Count(), checkedEntries);
    }

    /// <summary>
    /// SFE on the tiny VAE: the step gradient, averaged over many samples (a large batch of copies of two
    /// images), approaches the finite-difference gradient of the exact E_q[ℓ] + KL, computed by running the
    /// decoder on all 2^D configurations.
    /// </summary>
    [Theory]
    [InlineData("sfe")]
    [InlineData("sfe-plus")]
    public void Sfe_gradient_averages_to_the_exact_gradient_over_all_configurations(string name)
    {
        var networks = new VaeNetworks(Pixels, Bits, hidden: 4, outRank: 2, learningRate: 1e-3f, new Rng(21), encoderLogSoftmax: false);
        const int copies = 4000;
        var two = new Tensor(2, Pixels);
        new Rng(5).FillUniform(two.Span);
        var twoLevels = two.Data.Select(v => (byte)MathF.Round(v * 255)).ToArray();
        var images = new Tensor(2 * copies, Pixels);
        var levels = new byte[2 * copies * Pixels];
        for (int c = 0; c < 2 * copies; c++)
            for (int p = 0; p < Pixels; p++)
            {
                levels[c * Pixels + p] = twoLevels[(c % 2) * Pixels + p];
                images.Data[c * Pixels + p] = levels[c * Pixels + p] / 255f;
            }
        var step = new VaeStep(networks, new ScoreFunctionBitChannel(name, sampleBaseline: name == "sfe-plus"), new ChannelContext(new Rng(1)), 2 * copies);
        // One step first gives SFE's running-mean baseline a value (it starts at 0, unbiased but very noisy).
        step.AccumulateGradients(images, levels);
        foreach (var p in networks.Parameters()) p.ZeroGrad();
        step.AccumulateGradients(images, levels);

        var input = new Tensor(images.Data.AsSpan(0, 2 * Pixels).ToArray(), 2, Pixels);
        var configurations = Enumerable.Range(0, 1 << Bits).Select(c => Enumerable.Range(0, Bits).Select(i => (float)((c >> i) & 1)).ToArray()).ToArray();
        var tape = new Tape();
        double Exact()
        {
            tape.Reset();
            var scores = networks.Encode(tape, tape.Constant(input, "images"));
            var z = new Tensor(configurations.Length, Bits);
            for (int c = 0; c < configurations.Length; c++) configurations[c].CopyTo(z.Row(c));
            double total = 0;
            for (int b = 0; b < 2; b++)
            {
                var labels = Enumerable.Range(0, configurations.Length).SelectMany(_ => twoLevels.Skip(b * Pixels).Take(Pixels)).Select(v => (int)v).ToArray();
                var losses = networks.Reconstruction(tape, tape.Constant(z, "z"), labels).Value.Data;
                var s = scores.Value.Row(b).ToArray();
                for (int c = 0; c < configurations.Length; c++) total += Math.Exp(BernoulliBits.LogProbability(s, configurations[c])) * losses[c];
                total += BernoulliBits.KlToUniform(s);
            }
            tape.Reset();
            return total / 2;
        }

        var rng = new Rng(8);
        foreach (var p in networks.Parameters())
        {
            int i = rng.NextInt(p.Value.Length);
            double numeric = CentralDifference(p, i, Exact), estimate = p.Gradient.Data[i];
            // About four standard errors of the 8,000-sample mean: SFE's running-mean baseline leaves more
            // variance than SFE+'s second sample.
            double tolerance = name == "sfe" ? 0.05 : 0.01;
            Assert.True(Math.Abs(numeric - estimate) <= tolerance * (1 + Math.Abs(numeric)),
                $"{name}: d/d {p.Name}[{i}] ≈ {estimate} over {2 * copies} samples, exact {numeric}");
        }
    }

    /// <summary>(f(θ + h e_i) − f(θ − h e_i)) / 2h for one entry of a parameter, which is restored afterwards.</summary>
    private static double CentralDifference(Parameter parameter, int index, Func<double> objective)
    {
        const float h = 2e-3f;
        float original = parameter.Value.Data[index];
        parameter.Value.Data[index] = original + h;
        double plus = objective();
        parameter.Value.Data[index] = original - h;
        double minus = objective();
        parameter.Value.Data[index] = original;
        return (plus - minus) / (2 * h);
    }
}
