using AgentLab.Numerics;

namespace AgentLab.Channels.BitVector;

/// <summary>
/// A channel for a latent bit-vector z ∈ {0,1}^D with a uniform prior, together with its gradient estimator
/// (the bit-vector VAE of Correia et al. 2020). Per step: <see cref="Plan"/> turns the encoder's bit scores
/// into the decoder evaluations; the decoder computes one loss ℓ_e = −log p(x | z_e) per evaluation and
/// back-propagates Weight_e / B into itself; <see cref="Assess"/> turns the losses into d objective / d scores;
/// relaxed channels also map the decoder's gradient with respect to the messages back to the scores
/// (<see cref="AddMessageCotangent"/>). The objective is the negative ELBO E_q[ℓ] + KL(q ‖ prior), batch mean,
/// or its estimator's surrogate.
/// </summary>
public interface IBitVectorChannel
{
    /// <summary>The method's name in scenarios ("topk-sparsemax", "sfe", ...).</summary>
    string Name { get; }

    /// <summary>
    /// Fills <paramref name="plan"/> from the bit scores [B, D]. With <paramref name="training"/> false the
    /// plan is the one the negative ELBO is evaluated on: the exact support for sparse channels, one discrete
    /// sample z ~ q for Monte Carlo and relaxed channels (never a relaxed vector).
    /// </summary>
    void Plan(Tensor scores, BitVectorPlan plan, ChannelContext context, bool training);

    /// <summary>
    /// Given the loss of every evaluation of the training plan, writes d objective / d scores (the part that
    /// does not pass through the messages) into <paramref name="dScores"/>. <paramref name="inputs"/> are the
    /// encoder's inputs [B, F], for estimators whose baseline reads them (NVIL).
    /// </summary>
    BitVectorOutcome Assess(Tensor scores, BitVectorPlan plan, ReadOnlySpan<float> losses, Tensor inputs, ChannelContext context,
        Tensor dScores);

    /// <summary>Relaxed channels: adds the pathwise gradient through the messages ([Count, D]) to dScores.</summary>
    void AddMessageCotangent(BitVectorPlan plan, ReadOnlySpan<float> dMessages, Tensor dScores) =>
        throw new InvalidOperationException($"{Name} sends discrete messages; there is no message cotangent");

    /// <summary>Adds the channel's own training state (baselines, baseline networks) to a checkpoint.</summary>
    void SaveState(ICollection<CheckpointEntry> entries, IDictionary<string, string> metadata) { }

    /// <summary>Restores what <see cref="SaveState"/> wrote.</summary>
    void RestoreState(Checkpoint checkpoint) { }
}
