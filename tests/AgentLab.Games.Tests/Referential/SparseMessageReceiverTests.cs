using AgentLab.Channels;
using AgentLab.Games.Referential;
using AgentLab.Numerics;

namespace AgentLab.Games.Tests.Referential;

/// <summary>
/// The receiver reads vector messages from their (index, value) entries: the log-probabilities, every
/// parameter gradient, the message cotangent and the sender's score gradient equal the dense computation
/// (W2 applied to the [B, V] message by Linear, cotangent on every coordinate), for sparse messages (the
/// per-entry path) and dense ones (the GEMM path).
/// </summary>
public class SparseMessageReceiverTests
{
    private const int Batch = 6, Candidates = 4, Features = 10, Embedding = 8, Vocab = 40;

    public static TheoryData<string, bool> Channels => new()
    {
        { "gaussian-sparsemax", true }, // a few nonzeros per game: per-entry products
        { "hard-concrete", false },     // T = 1: most coordinates survive the stretch, so the GEMM path
        { "gumbel", false },            // dense
        { "gumbel-st", false },         // one nonzero, but every coordinate stored for its backward
    };

    private static PathwiseVectorChannel Create(string name) => name switch
    {
        "gaussian-sparsemax" => new GaussianSparsemaxChannel(name, 0f),
        "hard-concrete" => new HardConcreteChannel(name, 0f, new TemperatureSchedule()),
        "gumbel" => new GumbelSoftmaxChannel(name, false, 0f, new TemperatureSchedule()),
        _ => new GumbelSoftmaxChannel(name, true, 0f, new TemperatureSchedule()),
    };

    [Theory, MemberData(nameof(Channels))]
    public void The_sparse_receiver_equals_the_dense_computation(string name, bool narrow)
    {
        var rng = new Rng(17);
        var scores = new Tensor(Batch, Vocab);
        rng.FillNormal(scores.Span, 0f, name == "gaussian-sparsemax" ? 3f : 0.3f);
        var candidates = new Tensor(Batch, Candidates, Features);
        rng.FillNormal(candidates.Span);
        var dLogProbs = new float[Batch * Candidates];
        rng.FillNormal(dLogProbs);

        var channel = Create(name);
        var plan = new MessagePlan(Batch, Vocab, Vocab);
        channel.Plan(scores, plan, new ChannelContext(new Rng(3)));
        Assert.Equal(narrow, plan.MessageEntries <= Tape.WideSparseRow * Batch);
        var dense = new Tensor(Batch, Vocab);
        for (int b = 0; b < Batch; b++) plan.ScatterMessage(b, plan.MessageValue.Data, dense.Row(b));

        // Sparse: the receiver as trained.
        var learner = new ReceiverLearner(new ReceiverNetwork(Features, Embedding, Vocab, new Rng(5)), 1e-3f);
        var logProbs = learner.Decode(candidates, plan).Data.ToArray();
        var dMessages = learner.ApplyCotangents(dLogProbs, update: false)!;

        // Dense: the same network, W2 applied to the whole [B, V] message, cotangent on every coordinate.
        var network = new ReceiverNetwork(Features, Embedding, Vocab, new Rng(5));
        var tape = new Tape();
        var x = tape.Input(dense, "messages");
        var denseLogProbs = tape.LogSoftmax(tape.BatchedMatVec(network.EncodeCandidates(tape, tape.Constant(candidates)),
            tape.Linear(x, network.Relaxed.Weight)));
        tape.Backward(denseLogProbs, dLogProbs);

        Close(denseLogProbs.Value.Data, logProbs, "log-probabilities");
        foreach (var (expected, actual) in network.Parameters().Zip(learner.Network.Parameters()))
            Close(expected.Gradient.Data, actual.Gradient.Data, expected.Name);
        for (int b = 0; b < Batch; b++)
            for (int k = plan.MessageStart[b]; k < plan.MessageStart[b + 1]; k++)
                Close([x.Grad![b, plan.MessageIndex[k]]], [dMessages[k]], $"d message[{b}, {plan.MessageIndex[k]}]");

        // The score gradient: from the stored entries' cotangent, and from the dense one on every coordinate.
        var everyCoordinate = new MessagePlan(Batch, Vocab, Vocab);
        everyCoordinate.UseVectors();
        for (int b = 0; b < Batch; b++) everyCoordinate.AddMessage(dense.Row(b), everyCoordinate: true);
        var dScoresSparse = new Tensor(Batch, Vocab);
        var dScoresDense = new Tensor(Batch, Vocab);
        channel.AddMessageCotangent(plan, dMessages, dScoresSparse);
        channel.AddMessageCotangent(everyCoordinate, new Tensor(x.Grad!.Data, Batch * Vocab), dScoresDense);
        Close(dScoresDense.Data, dScoresSparse.Data, "d scores");
        Assert.Contains(dScoresSparse.Data, v => Math.Abs(v) > 1e-3f);
    }

    private static void Close(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f * Math.Max(1f, Math.Abs(expected[i])), $"{what}[{i}]: {expected[i]} vs {actual[i]}");
    }
}
