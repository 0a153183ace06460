using AgentLab.Channels;
using AgentLab.Games.Referential;
using AgentLab.Numerics;

namespace AgentLab.Games.Tests.Referential;

/// <summary>Both agents and every estimator against the research code's values on the tiny golden game.</summary>
public class EmcommGoldenTests
{
    private readonly EmcommGolden _golden = EmcommGolden.Load();

    [Fact]
    public void AgentsForwardMatchTheReference()
    {
        var (sender, receiver) = _golden.Agents();
        var batch = _golden.Batch();
        var expected = _golden.Case("agents_forward").GetProperty("expected");
        var scores = sender.EncodeForEvaluation(batch.Targets);
        var s = EmcommGolden.Flatten(expected.GetProperty("sender_scores"));
        for (int i = 0; i < s.Length; i++) EmcommGolden.Close(s[i], scores.Data[i], 2e-5, $"scores[{i}]");

        // receiver_logp_per_message [B, V, G]: a plan with every (game, message) pair.
        var plan = new MessagePlan(_golden.Games, _golden.Vocab, _golden.Vocab);
        plan.ClearPairs();
        for (int b = 0; b < _golden.Games; b++) for (int z = 0; z < _golden.Vocab; z++) plan.AddPair(b, z, 1f);
        var logp = receiver.DecodeForEvaluation(batch.Candidates, plan);
        var l = EmcommGolden.Flatten(expected.GetProperty("receiver_logp_per_message"));
        for (int i = 0; i < l.Length; i++) EmcommGolden.Close(l[i], logp.Data[i], 2e-5, $"logp[{i}]");
    }

    [Fact]
    public void DenseMarginalizationMatchesLossAndEveryGradient() =>
        CheckMarginalization("marg_softmax_loss_and_grads", new MarginalizationChannel("dense-marg", new SoftmaxMap(), 0.1f));

    [Fact]
    public void SparseMarginalizationMatchesLossAndEveryGradient() =>
        CheckMarginalization("marg_sparsemax_loss_and_grads", new MarginalizationChannel("sparsemax-marg", new SparsemaxMap(), 0.1f));

    private void CheckMarginalization(string name, MarginalizationChannel channel)
    {
        var (sender, receiver) = _golden.Agents();
        var expected = _golden.Case(name).GetProperty("expected");
        var step = new ReferentialStep(_golden.Games, _golden.Candidates, _golden.Vocab);
        var outcome = step.Run(_golden.Batch(), sender, receiver, channel, new ChannelContext(new Rng(1)), update: false);

        var probs = EmcommGolden.Flatten(expected.GetProperty("probs"));
        for (int i = 0; i < probs.Length; i++) EmcommGolden.Close(probs[i], channel.Probabilities.Data[i], 2e-5, $"p[{i}]");
        EmcommGolden.Close(expected.GetProperty("support_mean").GetDouble(), outcome.ReceiverCalls, 1e-6, "support");
        EmcommGolden.Close(expected.GetProperty("loss_mean").GetDouble(), outcome.TaskLoss, 2e-5, "loss");
        EmcommGolden.Close(expected.GetProperty("encoder_entropy_mean").GetDouble(), outcome.Entropy, 2e-5, "entropy");
        EmcommGolden.Close(expected.GetProperty("expected_acc").GetDouble(), outcome.Success, 2e-5, "expected success");
        EmcommGolden.Close(expected.GetProperty("full_loss").GetDouble(), outcome.Objective, 2e-5, "objective");
        EmcommGolden.AssertGradients(expected.GetProperty("grads"), sender, receiver, relaxed: false);
    }

    [Theory]
    [InlineData("gs_recorded_noise", false)]
    [InlineData("gs_st_recorded_noise", true)]
    public void GumbelWithRecordedNoiseMatchesMessageLossAndGradients(string name, bool straightThrough)
    {
        var (sender, receiver) = _golden.Agents();
        var golden = _golden.Case(name);
        var u = golden.GetProperty("inputs").GetProperty("uniforms");
        var channel = new GumbelSoftmaxChannel(name, straightThrough, 0.01f, new TemperatureSchedule())
        {
            ForcedUniforms = (b, i) => u[b][i].GetDouble(),
        };
        var step = new ReferentialStep(_golden.Games, _golden.Candidates, _golden.Vocab);
        var outcome = step.Run(_golden.Batch(), sender, receiver, channel, new ChannelContext(new Rng(1)), update: false);
        var expected = golden.GetProperty("expected");
        var message = EmcommGolden.Flatten(expected.GetProperty("message_fed_to_receiver"));
        var sent = new float[_golden.Games * _golden.Vocab];
        for (int b = 0; b < _golden.Games; b++) step.Plan.ScatterMessage(b, step.Plan.MessageValue.Data, sent.AsSpan(b * _golden.Vocab, _golden.Vocab));
        for (int i = 0; i < message.Length; i++) EmcommGolden.Close(message[i], sent[i], 2e-5, $"y[{i}]");
        EmcommGolden.Close(expected.GetProperty("loss_mean").GetDouble(), outcome.TaskLoss, 2e-5, "loss");
        EmcommGolden.Close(expected.GetProperty("acc_mean").GetDouble(), outcome.Success, 2e-5, "success");
        EmcommGolden.Close(expected.GetProperty("full_loss").GetDouble(), outcome.Objective, 2e-5, "objective");
        EmcommGolden.AssertGradients(expected.GetProperty("grads"), sender, receiver, relaxed: true);
    }

    [Theory]
    [InlineData("sfe_forced_samples", false, 0.01f)]
    [InlineData("sfe_plus_forced_samples", true, 0.05f)]
    public void ScoreFunctionWithForcedSamplesMatchesEveryStep(string name, bool sampleBaseline, float entropy)
    {
        var golden = _golden.Case(name);
        var channel = new ScoreFunctionChannel(name, SfeLoss.ZeroOne, sampleBaseline, entropy);
        int games = _golden.Games;
        foreach (var expected in golden.GetProperty("steps").EnumerateArray())
        {
            // Fresh agents per step: the reference does not update parameters between its steps.
            var (sender, receiver) = _golden.Agents();
            var forced = expected.GetProperty("forced_samples_in_call_order").EnumerateArray()
                .Select(a => a.EnumerateArray().Select(x => x.GetInt32()).ToArray()).ToArray();
            // Reference call order: z, pick(z)[, z', pick(z')]; ours draws all messages first, then all picks.
            var order = sampleBaseline ? new[] { forced[0], forced[2], forced[1], forced[3] } : new[] { forced[0], forced[1] };
            var queue = new Queue<int>(order.SelectMany(a => a));
            channel.ForcedDraws = queue.Dequeue;
            var step = new ReferentialStep(games, _golden.Candidates, _golden.Vocab);
            var outcome = step.Run(_golden.Batch(), sender, receiver, channel, new ChannelContext(new Rng(1)), update: false);
            Assert.Empty(queue);
            EmcommGolden.Close(expected.GetProperty("loss_mean").GetDouble(), outcome.TaskLoss, 1e-6, "loss");
            EmcommGolden.Close(expected.GetProperty("acc_mean").GetDouble(), outcome.Success, 1e-6, "success");
            EmcommGolden.Close(expected.GetProperty("full_loss").GetDouble(), outcome.Objective, 2e-5, "objective");
            EmcommGolden.Close(expected.GetProperty("running_baseline_after").GetDouble(), channel.Baseline.Mean, 1e-6, "baseline");
            EmcommGolden.AssertGradients(expected.GetProperty("grads"), sender, receiver, relaxed: false);
        }
    }
}
