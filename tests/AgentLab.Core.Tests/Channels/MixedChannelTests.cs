using AgentLab.Channels;
using AgentLab.Channels.MixedInformation;
using AgentLab.Channels.Pathwise;
using AgentLab.Numerics;

namespace AgentLab.Tests.Channels;

/// <summary>
/// The vector-message channels end to end on a fixed batch: forced noise reproduces the pure row functions,
/// nonzeros and receiver calls are measured, the pathwise gradient through Plan and AddMessageCotangent
/// matches finite differences (float32, noise fixed), and the objective and statistics are what they claim.
/// </summary>
public class MixedChannelTests
{
    private const int Batch = 4, Vocab = 7, Candidates = 3;

    private static double ForcedNormal(int game, int i) => Math.Sin(1.7 * game + 2.3 * i + 0.4) * 1.3;

    private static double ForcedUniform(int game, int i) => 0.5 + 0.45 * Math.Sin(0.9 * game + 1.9 * i + 0.2);

    private static Tensor Scores(ulong seed = 11, float scale = 0.8f)
    {
        var s = new Tensor(Batch, Vocab);
        new Rng(seed).FillNormal(s.Span, 0f, scale);
        return s;
    }

    public static TheoryData<string> Channels => new() { "gaussian-sparsemax", "hard-concrete", "gumbel", "gumbel-st" };

    private static PathwiseVectorChannel Create(string name, float entropyCoefficient = 0f) => name switch
    {
        "gaussian-sparsemax" => new GaussianSparsemaxChannel(name, entropyCoefficient) { ForcedNormals = ForcedNormal, EntropyGames = Batch },
        "hard-concrete" => new HardConcreteChannel(name, entropyCoefficient, new TemperatureSchedule(Initial: 0.7f)) { ForcedUniforms = ForcedUniform },
        "gumbel" => new GumbelSoftmaxChannel(name, false, entropyCoefficient, new TemperatureSchedule(Initial: 0.7f)) { ForcedUniforms = ForcedUniform },
        _ => new GumbelSoftmaxChannel(name, true, entropyCoefficient, new TemperatureSchedule(Initial: 0.7f)) { ForcedUniforms = ForcedUniform },
    };

    [Fact]
    public void Gaussian_sparsemax_channel_sends_the_pure_functions_sample_and_counts_its_nonzeros()
    {
        var scores = Scores();
        var plan = new MessagePlan(Batch, Vocab, Vocab);
        new GaussianSparsemaxChannel("g", 0f) { ForcedNormals = ForcedNormal }.Plan(scores, plan, new ChannelContext(new Rng(1)));
        long support = 0;
        for (int b = 0; b < Batch; b++)
        {
            var normals = Enumerable.Range(0, Vocab).Select(i => (float)ForcedNormal(b, i)).ToArray();
            var y = new float[Vocab];
            support += GaussianSparsemaxSample.Forward<float>(scores.Row(b), normals, 1f, new float[Vocab], y);
            Assert.Equal(y, Dense(plan, b));
        }
        Assert.True(plan.IsContinuous);
        Assert.Equal(1f, plan.ReceiverCallsPerGame);
        Assert.Equal(support, plan.MessageEntries); // sent as its nonzeros, nothing else
        Assert.Equal((float)support / Batch, plan.MeanNonzeros);
        Assert.InRange(plan.MeanNonzeros, 1f, Vocab - 1f); // this batch is sparse but not all vertices
    }

    [Fact]
    public void Hard_concrete_channel_sends_the_pure_functions_sample_at_the_scheduled_temperature()
    {
        var scores = Scores();
        var plan = new MessagePlan(Batch, Vocab, Vocab);
        var schedule = new TemperatureSchedule();
        var context = new ChannelContext(new Rng(1)) { Step = 250_000 };
        var channel = new HardConcreteChannel("hc", 0f, schedule) { ForcedUniforms = ForcedUniform };
        channel.Plan(scores, plan, context);
        float temperature = schedule.At(context.Step);
        Assert.Equal(temperature, channel.Temperature);
        Assert.True(temperature < 1f);
        long support = 0;
        for (int b = 0; b < Batch; b++)
        {
            var gumbels = Enumerable.Range(0, Vocab).Select(i => GumbelNoise.FromUniform<float>(ForcedUniform(b, i))).ToArray();
            var y = new float[Vocab];
            support += KdHardConcreteSample.Forward<float>(scores.Row(b), gumbels, temperature, 1.1f, new float[Vocab], y);
            Assert.Equal(y, Dense(plan, b));
        }
        Assert.Equal((float)support / Batch, plan.MeanNonzeros);
    }

    [Theory, MemberData(nameof(Channels))]
    public void Pathwise_gradient_through_the_channel_matches_finite_differences(string name)
    {
        var scores = Scores();
        var cotangent = new Tensor(Batch, Vocab);
        new Rng(5).FillNormal(cotangent.Span);
        var plan = new MessagePlan(Batch, Vocab, Vocab);
        var channel = Create(name);
        channel.Plan(scores, plan, new ChannelContext(new Rng(1)));
        var dScores = new Tensor(Batch, Vocab);
        // The receiver returns the cotangent on the stored entries only; the check below is against the dense
        // pairing, so it also shows that nothing off the support (or, for straight-through, anything) is lost.
        channel.AddMessageCotangent(plan, AtStoredEntries(plan, cotangent), dScores);

        // Straight-through's gradient is by design not the gradient of what it sends: differentiate its soft sample.
        var probe = name == "gumbel-st" ? Create("gumbel") : channel;
        const float h = 1e-3f;
        for (int i = 0; i < scores.Length; i++)
        {
            float saved = scores.Data[i];
            scores.Data[i] = saved + h; double up = Pairing(probe, scores, cotangent);
            scores.Data[i] = saved - h; double down = Pairing(probe, scores, cotangent);
            scores.Data[i] = saved;
            double numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(numeric - dScores.Data[i]) < 2e-3, $"{name}: d/ds[{i}] finite difference {numeric:G6}, channel {dScores.Data[i]:G6}");
        }
        Assert.True(dScores.Data.Any(v => Math.Abs(v) > 1e-2), "the check must not be 0 = 0");
    }

    /// <summary>⟨cotangent, messages(scores)⟩ in double, with the channel's forced noise.</summary>
    private static double Pairing(PathwiseVectorChannel channel, Tensor scores, Tensor cotangent)
    {
        var plan = new MessagePlan(Batch, Vocab, Vocab);
        channel.Plan(scores, plan, new ChannelContext(new Rng(1)));
        double sum = 0;
        for (int b = 0; b < Batch; b++)
        {
            var y = Dense(plan, b);
            for (int i = 0; i < Vocab; i++) sum += (double)y[i] * cotangent[b, i];
        }
        return sum;
    }

    [Theory, MemberData(nameof(Channels))]
    public void The_plan_stores_each_message_as_its_nonzeros_in_ascending_order_and_straight_through_every_coordinate(string name)
    {
        var plan = new MessagePlan(Batch, Vocab, Vocab);
        Create(name).Plan(Scores(), plan, new ChannelContext(new Rng(1)));
        Assert.Equal(Batch, plan.MessageCount);
        for (int b = 0; b < Batch; b++)
        {
            var y = Dense(plan, b);
            var stored = plan.MessageIndex[plan.MessageStart[b]..plan.MessageStart[b + 1]];
            var expected = name == "gumbel-st" ? Enumerable.Range(0, Vocab) : Enumerable.Range(0, Vocab).Where(i => y[i] != 0f);
            Assert.Equal(expected, stored);
        }
        if (name == "gumbel-st") Assert.Equal(1f, plan.MeanNonzeros); // its cost is still one symbol
    }

    /// <summary>Game b's message as a dense vector.</summary>
    private static float[] Dense(MessagePlan plan, int b)
    {
        var y = new float[plan.Vocab];
        plan.ScatterMessage(b, plan.MessageValue.Data, y);
        return y;
    }

    /// <summary>A dense [B, V] cotangent read at the plan's stored entries, as the receiver returns it.</summary>
    private static Tensor AtStoredEntries(MessagePlan plan, Tensor dense)
    {
        var entries = new Tensor(plan.MessageValue.Length);
        for (int b = 0; b < plan.Batch; b++)
            for (int k = plan.MessageStart[b]; k < plan.MessageStart[b + 1]; k++) entries[k] = dense[b, plan.MessageIndex[k]];
        return entries;
    }

    [Theory]
    [InlineData("gaussian-sparsemax")]
    [InlineData("hard-concrete")]
    public void Objective_is_the_mean_nll_minus_the_entropy_bonus_and_the_statistics_describe_the_messages(string name)
    {
        var scores = Scores();
        var (outcome, plan, channel, dLogProbs, dScores) = Step(Create(name, entropyCoefficient: 0.3f), scores);
        double nll = 0;
        for (int b = 0; b < Batch; b++) nll -= LogProbs[b * Candidates + Targets[b]];
        Assert.Equal(nll / Batch, outcome.TaskLoss, 5);
        Assert.Equal(outcome.TaskLoss - 0.3f * outcome.Entropy, outcome.Objective, 5);
        Assert.Equal(1f, outcome.ReceiverCalls);
        Assert.Equal(plan.MeanNonzeros, outcome.Nonzeros);
        for (int b = 0; b < Batch; b++) Assert.Equal(-1f / Batch, dLogProbs[b * Candidates + Targets[b]]);
        Assert.Contains(dScores.Data, v => v != 0f); // the entropy bonus's gradient, before the pathwise part

        var statistics = channel.LastStatistics;
        Assert.Equal(plan.MeanNonzeros, statistics.MeanNonzeros, 6);
        int vertices = Enumerable.Range(0, Batch).Count(b => Dense(plan, b).Count(v => v != 0f) == 1);
        Assert.Equal((double)vertices / Batch, statistics.VertexFraction);
        if (name == "gaussian-sparsemax")
        {
            Assert.Equal(Batch, statistics.EntropyGames);
            Assert.True(double.IsFinite(statistics.DirectSumEntropy));
        }
        else
        {
            Assert.Equal(0, statistics.EntropyGames);
            Assert.True(double.IsNaN(statistics.DirectSumEntropy));
        }
    }

    [Fact]
    public void Gaussian_sparsemax_entropy_statistic_averages_to_the_closed_form_for_two_symbols()
    {
        // Every game has the scores (0.3, −0.1): the per-step estimates must average to H⊕ of that law.
        const int batch = 64, steps = 40;
        var scores = new Tensor(batch, 2);
        for (int b = 0; b < batch; b++) { scores.Row(b)[0] = 0.3f; scores.Row(b)[1] = -0.1f; }
        var channel = new GaussianSparsemaxChannel("g", 0f) { EntropyGames = batch };
        var plan = new MessagePlan(batch, 2, 2);
        var context = new ChannelContext(new Rng(3));
        var logProbs = new Tensor(batch, 2);
        var targets = new int[batch];
        var estimates = new double[steps];
        for (int step = 0; step < steps; step++)
        {
            channel.Plan(scores, plan, context);
            channel.Assess(scores, plan, logProbs, targets, context, new float[batch * 2], new Tensor(batch, 2));
            estimates[step] = channel.LastStatistics.DirectSumEntropy;
        }
        double mean = estimates.Average();
        double standardError = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / (steps - 1) / steps);
        double closed = TwoCoordinateGaussianSparsemax.DirectSumEntropy(0.3, -0.1, 1.0);
        Assert.True(Math.Abs(mean - closed) <= 4.5 * standardError, $"closed form {closed:G6}, channel {mean:G6} ± {standardError:G2}");
    }

    private static readonly int[] Targets = [1, 0, 2, 1];

    private static readonly float[] LogProbs = MakeLogProbs();

    private static float[] MakeLogProbs()
    {
        var values = new float[Batch * Candidates];
        new Rng(9).FillNormal(values);
        for (int b = 0; b < Batch; b++)
        {
            var row = values.AsSpan(b * Candidates, Candidates);
            float lse = RowKernels.LogSumExp(row);
            for (int i = 0; i < Candidates; i++) row[i] -= lse;
        }
        return values;
    }

    private static (StepOutcome Outcome, MessagePlan Plan, PathwiseVectorChannel Channel, float[] DLogProbs, Tensor DScores) Step(
        PathwiseVectorChannel channel, Tensor scores)
    {
        var plan = new MessagePlan(Batch, Vocab, Vocab);
        var context = new ChannelContext(new Rng(1));
        channel.Plan(scores, plan, context);
        var logProbs = new Tensor(Batch, Candidates);
        LogProbs.CopyTo(logProbs.Span);
        var dLogProbs = new float[Batch * Candidates];
        var dScores = new Tensor(Batch, Vocab);
        var outcome = channel.Assess(scores, plan, logProbs, Targets, context, dLogProbs, dScores);
        return (outcome, plan, channel, dLogProbs, dScores);
    }
}
