using AgentLab.Games.BitVectorVae;
using AgentLab.Games.Referential;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Games.Tests.BitVectorVae;

/// <summary>Whole bit-vector VAE runs on synthetic images: learning, decoder calls, files, resume.</summary>
public class BitVectorVaeRunTests
{
    [Theory]
    [InlineData("topk-sparsemax")]
    [InlineData("sparsemap")]
    [InlineData("sparsemap-budget")]
    [InlineData("sfe")]
    [InlineData("sfe-plus")]
    [InlineData("nvil")]
    [InlineData("gumbel")]
    [InlineData("gumbel-st")]
    public void A_short_run_learns(string method)
    {
        // A uniform decoder costs log2(256) = 8 bits/dim; the images are black and white, 4 prototypes.
        using var vae = new SyntheticVae(method, steps: 60);
        var summary = new BitVectorVaeRunner(vae.Scenario, vae.Data).Run(new RunOptions(Path.Combine(vae.Dir, "run")));
        var metrics = new RunStore(Path.Combine(vae.Dir, "run")).ReadMetrics();
        Assert.Equal(6, metrics.Count);
        double first = metrics[0].TaskLoss, test = summary.Extra!["test_bits_per_dim"];
        Assert.True(first > 6.5, $"{method}: the first interval's bound {first:F3} bits/dim should be near 8");
        Assert.True(test < 4, $"{method}: test bound {test:F3} bits/dim after 60 steps");
        Assert.True(metrics[^1].Extra!.ContainsKey("validation_bits_per_dim"));
        // Sparse is a promise: at most k configurations for top-k, at most D + 1 (Carathéodory on the
        // D-dimensional marginal polytope) in SparseMAP's active set, out of 2^6 = 64.
        double calls = method == "sfe-plus" ? 2 : 1;
        double maxExact = method == "topk-sparsemax" ? vae.Scenario.TopK : vae.Scenario.Bits + 1;
        double trainCalls = summary.Extra[BitVectorVaeReport.TrainDecoderCalls], testCalls = summary.Extra["test_decoder_calls"];
        if (BitVectorVaeMethods.IsExact(method))
        {
            Assert.InRange(trainCalls, 1.0, maxExact);
            Assert.InRange(testCalls, 1.0, maxExact);
        }
        else
        {
            Assert.Equal(calls, trainCalls);
            Assert.Equal(1.0, testCalls); // every sampling method is scored on one z ~ q
        }
        // No referential-only fields: a VAE has no success rate and no receiver.
        Assert.Null(summary.TestSuccess);
        Assert.Null(summary.MeanNonzeros);
        string json = File.ReadAllText(Path.Combine(vae.Dir, "run", "summary.json"));
        Assert.DoesNotContain("test_success", json);
        Assert.DoesNotContain("mean_receiver_calls", json);
        Assert.Equal(60, summary.Steps);
    }

    [Theory]
    [InlineData("sfe")]
    [InlineData("nvil")]
    [InlineData("gumbel")]
    [InlineData("sparsemap-budget")]
    public void A_resumed_run_equals_an_uninterrupted_one(string method)
    {
        using var straight = new SyntheticVae(method, steps: 30);
        var full = new BitVectorVaeRunner(straight.Scenario, straight.Data).Run(new RunOptions(Path.Combine(straight.Dir, "run")));

        using var stopped = new SyntheticVae(method, steps: 30);
        string dir = Path.Combine(stopped.Dir, "run");
        new BitVectorVaeRunner(stopped.Scenario with { Steps = 20 }, stopped.Data).Run(new RunOptions(dir));
        var resumed = new BitVectorVaeRunner(stopped.Scenario, stopped.Data).Run(new RunOptions(dir, Resume: true));

        Assert.Equal(30, resumed.Steps);
        Assert.Equal("20", resumed.Notes!["resumed_from_step"]);
        Assert.Equal(full.Extra!["test_bits_per_dim"], resumed.Extra!["test_bits_per_dim"]);
        var a = new RunStore(Path.Combine(straight.Dir, "run")).ReadMetrics();
        var b = new RunStore(dir).ReadMetrics();
        Assert.Equal(a.Select(p => (p.Step, p.Objective, p.TaskLoss)), b.Select(p => (p.Step, p.Objective, p.TaskLoss)));
    }
}
