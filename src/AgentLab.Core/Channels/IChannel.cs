using AgentLab.Numerics;

namespace AgentLab.Channels;

/// <summary>
/// A communication channel together with its gradient estimator. Per step the coordinator calls
/// <see cref="Plan"/> (which messages does the receiver evaluate?), hands the plan to the receiver, then
/// <see cref="Assess"/> turns the receiver's log-probabilities into the loss and the cotangents both agents
/// back-propagate. Continuous channels also map the receiver's gradient with respect to the message vectors
/// back to the scores (<see cref="AddMessageCotangent"/>), the pathwise part of their estimator.
/// </summary>
public interface IChannel
{
    /// <summary>The name used in scenarios and on the command line ("sparsemax-marg", "sfe", ...).</summary>
    string Name { get; }

    /// <summary>Fills <paramref name="plan"/> from the sender's scores [B, V].</summary>
    void Plan(Tensor scores, MessagePlan plan, ChannelContext context);

    /// <summary>
    /// Given the receiver's log-probabilities over candidates for every evaluation ([plan.Count, G]) and the
    /// index of each game's target, computes the step's objective and writes d objective / d logProbs into
    /// <paramref name="dLogProbs"/> (row-major [plan.Count, G], the start of a buffer that may be longer) and d objective / d scores into <paramref name="dScores"/> (for continuous
    /// channels only the part that does not pass through the message).
    /// </summary>
    StepOutcome Assess(Tensor scores, MessagePlan plan, Tensor logProbs, int[] targets, ChannelContext context,
        Span<float> dLogProbs, Tensor dScores);

    /// <summary>
    /// Adds the pathwise gradient through the message vectors to dScores, given d objective / d message at
    /// the plan's stored entries (<paramref name="dMessages"/> is aligned with plan.MessageValue).
    /// </summary>
    void AddMessageCotangent(MessagePlan plan, Tensor dMessages, Tensor dScores);

    /// <summary>Adds the channel's own training state (baselines, learned baseline networks) to a checkpoint.</summary>
    void SaveState(ICollection<CheckpointEntry> entries, IDictionary<string, string> metadata) { }

    /// <summary>Restores what <see cref="SaveState"/> wrote.</summary>
    void RestoreState(Checkpoint checkpoint) { }
}
