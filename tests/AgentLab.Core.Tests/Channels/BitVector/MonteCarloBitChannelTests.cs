using AgentLab.Channels;
using AgentLab.Channels.BitVector;
using AgentLab.Channels.Pathwise;
using AgentLab.Numerics;

namespace AgentLab.Tests.Channels.BitVector;

/// <summary>
/// The Bernoulli-posterior channels. The score-function estimators (SFE, SFE+, NVIL) are unbiased: their mean
/// over many samples approaches the exact gradient of E_q[ℓ] + KL(q ‖ prior), computed by enumerating all 2^D
/// configurations. The relaxed channels are checked pathwise against finite differences at fixed noise, and
/// every evaluation plan is a discrete sample with the exact KL.
/// </summary>
public class MonteCarloBitChannelTests
{
    private static readonly float[] Scores = [0.4f, -0.7f, 1.1f];

    /// <summary>∂/∂s of Σ_z q(z) ℓ(z) + KL(q ‖ uniform), by enumeration.</summary>
    private static double[] ExactGradient(BitChannelProblem problem, float[] scores)
    {
        var gradient = new double[scores.Length];
        var p = scores.Select(BernoulliBits.Probability).ToArray();
        foreach (var z in problem.AllConfigurations())
        {
            double q = Math.Exp(BernoulliBits.LogProbability(scores, z)), loss = problem.Loss(z);
            for (int i = 0; i < scores.Length; i++) gradient[i] += q * loss * (z[i] - p[i]);
        }
        for (int i = 0; i < scores.Length; i++) gradient[i] += p[i] * (1 - p[i]) * scores[i];
        return gradient;
    }

    public static TheoryData<string> Estimators => new() { "sfe", "sfe-plus", "nvil" };

    [Theory, MemberData(nameof(Estimators))]
    public void Score_function_estimates_average_to_the_exact_gradient_over_all_configurations(string name)
    {
        var problem = new BitChannelProblem(Scores.Length, 5);
        IBitVectorChannel channel = name switch
        {
            "sfe" => new ScoreFunctionBitChannel(name, sampleBaseline: false),
            "sfe-plus" => new ScoreFunctionBitChannel(name, sampleBaseline: true),
            _ => new NvilBitChannel(name, features: 2, learningRate: 1e-2f, new Rng(9), hidden: 4),
        };
        // Many images with the same scores: the batch mean of the per-image estimates (each carries 1/B) is
        // the Monte Carlo average. A few steps first give SFE a nonzero running-mean baseline and NVIL a
        // trained one, which must not bias the estimate.
        const int batch = 20_000;
        var scores = new Tensor(batch, Scores.Length);
        for (int b = 0; b < batch; b++) Scores.CopyTo(scores.Row(b));
        var inputs = new Tensor(batch, 2);
        new Rng(4).FillNormal(inputs.Span);
        var context = new ChannelContext(new Rng(17));
        var estimate = new double[Scores.Length];
        const int repeats = 10;
        for (int r = 0; r < repeats + 2; r++)
        {
            var (dScores, plan, _) = problem.Step(channel, scores, context, inputs);
            Assert.Equal(name == "sfe-plus" ? 2.0 : 1.0, plan.DecoderCallsPerImage);
            if (r < 2) continue;
            for (int b = 0; b < batch; b++)
                for (int i = 0; i < Scores.Length; i++) estimate[i] += dScores[b, i] / repeats;
        }
        var exact = ExactGradient(problem, Scores);
        for (int i = 0; i < Scores.Length; i++)
            Assert.True(Math.Abs(estimate[i] - exact[i]) < 0.02 * (1 + Math.Abs(exact[i])), $"{name}: d/ds_{i} ≈ {estimate[i]}, exact {exact[i]}");
    }

    [Fact]
    public void Kl_to_the_uniform_prior_matches_enumeration_and_its_gradient_finite_differences()
    {
        var problem = new BitChannelProblem(Scores.Length, 1);
        double kl = problem.AllConfigurations().Sum(z =>
        {
            double logQ = BernoulliBits.LogProbability(Scores, z);
            return Math.Exp(logQ) * (logQ + Scores.Length * Math.Log(2));
        });
        Assert.Equal(kl, BernoulliBits.KlToUniform(Scores), 12);
        var gradient = new float[Scores.Length];
        BernoulliBits.AddKlGradient(Scores, 1.0, gradient);
        for (int i = 0; i < Scores.Length; i++)
        {
            var plus = (float[])Scores.Clone();
            var minus = (float[])Scores.Clone();
            plus[i] += 1e-3f;
            minus[i] -= 1e-3f;
            double numeric = (BernoulliBits.KlToUniform(plus) - BernoulliBits.KlToUniform(minus)) / (plus[i] - minus[i]);
            Assert.Equal(numeric, gradient[i], 4);
        }
        Assert.True(double.IsFinite(BernoulliBits.KlToUniform([80f, -80f])));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Relaxed_channels_are_pathwise_at_fixed_noise(bool straightThrough)
    {
        var problem = new BitChannelProblem(Scores.Length, 8);
        var schedule = new TemperatureSchedule(Initial: 0.7f, Minimum: 0.5f);
        var channel = new BinaryConcreteBitChannel("gumbel", straightThrough, schedule);
        var (dScores, plan, _) = problem.Step(channel, new Tensor((float[])Scores.Clone(), 1, Scores.Length), new ChannelContext(new Rng(23)));
        Assert.Equal(straightThrough, plan.Messages.ToArray().All(v => v is 0f or 1f));
        // The same uniforms the channel drew (its context's first draws), to rebuild y(s) in double.
        var uniforms = new float[Scores.Length];
        new Rng(23).FillUniform(uniforms);
        double[] Relaxed(float[] s)
        {
            var y = new double[s.Length];
            BinaryConcreteSample.Forward<double>(s.Select(v => (double)v).ToArray(), uniforms.Select(v => (double)v).ToArray(), 0.7, y);
            return y;
        }
        var y0 = Relaxed(Scores);
        var hard = y0.Select(v => v > 0.5 ? 1f : 0f).ToArray();
        var dLdz = new float[Scores.Length];
        problem.LossGradient(straightThrough ? hard : y0.Select(v => (float)v).ToArray(), dLdz);
        for (int i = 0; i < Scores.Length; i++)
        {
            // Straight-through: ∂ℓ/∂z at the hard bits times the soft sample's Jacobian, plus the KL gradient.
            double expected = dLdz[i] * y0[i] * (1 - y0[i]) / 0.7;
            double p = BernoulliBits.Probability(Scores[i]);
            expected += p * (1 - p) * Scores[i];
            Assert.Equal(expected, dScores[0, i], 4);
        }
        if (straightThrough) return;
        // Relaxed: the same as finite differences of ℓ(y(s)) + KL(s) at the fixed noise.
        for (int i = 0; i < Scores.Length; i++)
        {
            double Objective(float step)
            {
                var s = (float[])Scores.Clone();
                s[i] += step;
                return problem.Loss(Relaxed(s).Select(v => (float)v).ToArray()) + BernoulliBits.KlToUniform(s);
            }
            Assert.Equal((Objective(1e-3f) - Objective(-1e-3f)) / 2e-3, dScores[0, i], 2);
        }
    }

    [Theory]
    [InlineData("sfe")]
    [InlineData("gumbel")]
    [InlineData("gumbel-st")]
    public void Evaluation_plans_are_discrete_samples_of_q_with_the_exact_kl(string name)
    {
        IBitVectorChannel channel = name == "sfe"
            ? new ScoreFunctionBitChannel(name, sampleBaseline: true)
            : new BinaryConcreteBitChannel(name, name == "gumbel-st", new TemperatureSchedule());
        const int batch = 20_000;
        var scores = new Tensor(batch, Scores.Length);
        for (int b = 0; b < batch; b++) Scores.CopyTo(scores.Row(b));
        var plan = new BitVectorPlan(batch, Scores.Length);
        channel.Plan(scores, plan, new ChannelContext(new Rng(3)), training: false);
        Assert.Equal(batch, plan.Count);
        Assert.False(plan.IsRelaxed);
        for (int i = 0; i < Scores.Length; i++)
        {
            double frequency = Enumerable.Range(0, batch).Average(e => (double)plan.Messages[e * Scores.Length + i]);
            Assert.All(Enumerable.Range(0, 50), e => Assert.True(plan.Messages[e * Scores.Length + i] is 0f or 1f));
            Assert.True(Math.Abs(BernoulliBits.Probability(Scores[i]) - frequency) < 0.02, $"bit {i}: frequency {frequency}, q {BernoulliBits.Probability(Scores[i])}");
        }
        Assert.Equal(BernoulliBits.KlToUniform(Scores), plan.Kl[0], 10);
    }
}
