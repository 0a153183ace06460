using AgentLab.Channels;
using AgentLab.Numerics;

namespace AgentLab.Games.Referential;

/// <summary>
/// One training step of the referential game, in the order the coordinator drives it: the sender encodes
/// the targets, the channel plans which messages the receiver evaluates, the receiver decodes them, the
/// channel assesses the loss and both cotangents, the receiver back-propagates first (for continuous
/// channels its message cotangent completes the sender's), then the sender. Buffers are reused.
/// </summary>
public sealed class ReferentialStep
{
    private readonly MessagePlan _plan;
    private readonly Tensor _dScores;
    private readonly float[] _dLogProbs;

    public ReferentialStep(int batch, int candidates, int vocab)
    {
        _plan = new MessagePlan(batch, vocab, vocab);
        _dScores = new Tensor(batch, vocab);
        _dLogProbs = new float[batch * vocab * candidates];
    }

    public MessagePlan Plan => _plan;

    public StepOutcome Run(GameBatch games, SenderLearner sender, ReceiverLearner receiver, IChannel channel, ChannelContext context,
        bool update = true)
    {
        context.Candidates = games.Candidates;
        var scores = sender.Encode(games.Targets);
        NonFiniteException.ThrowIfNonFinite(scores.Data, "sender scores", context.Step + 1);
        channel.Plan(scores, _plan, context);
        var logProbs = receiver.Decode(games.Candidates, _plan);
        var outcome = channel.Assess(scores, _plan, logProbs, games.TargetIndex, context, _dLogProbs, _dScores);
        NonFiniteException.ThrowIfNonFinite([outcome.Objective], "loss", context.Step + 1);
        var dMessages = receiver.ApplyCotangents(_dLogProbs, update);
        if (_plan.IsContinuous)
            channel.AddMessageCotangent(_plan, dMessages ?? throw new InvalidOperationException("receiver returned no message cotangent"), _dScores);
        sender.ApplyCotangents(_dScores.Data, update);
        context.Step++;
        return outcome;
    }
}
