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
                float original = p.Value.Data[i];
                const float h = 2e-3f;
                p.Value.Data[i] = original + h;
                double plus = Objective();
                p.Value.Data[i] = original - h;
                double minus = Objective();
                p.Value.Data[i] = original;
                double numeric = (plus - minus) / (2 * h), analytic = p.Gradient.Data[i];
                Assert.True(Math.Abs(numeric - analytic) <= 1e-3 * (1 + Math.Abs(numeric)),
                    $"{name}: d/d {p.Name}[{i}] = {analytic}, finite differences {numeric}");
                checkedEntries++;
            }
        }
        Assert.Equal(2 * networks.Parameters().Count(), checkedEntries);
    }
}
