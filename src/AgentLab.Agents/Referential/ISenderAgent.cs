using AgentLab.Numerics;

namespace AgentLab.Agents.Referential;

/// <summary>What a sender actor runs: a learner that encodes targets into message scores and learns from their cotangents.</summary>
public interface ISenderAgent
{
    /// <summary>Message scores [B, V] for target features [B, F]; valid until <see cref="ApplyCotangents"/>.</summary>
    Tensor Encode(Tensor targets);

    /// <summary>Back-propagates d loss / d scores and, when <paramref name="update"/>, steps the optimizer.</summary>
    void ApplyCotangents(ReadOnlySpan<float> dScores, bool update);
}
