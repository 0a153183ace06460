using AgentLab.Channels;
using AgentLab.Numerics;

namespace AgentLab.Agents.Referential;

/// <summary>What a receiver actor runs: a learner that scores the planned messages against the candidates.</summary>
public interface IReceiverAgent
{
    /// <summary>Log-probabilities over candidates [plan.Count, G]; valid until <see cref="ApplyCotangents"/>.</summary>
    Tensor Decode(Tensor candidates, MessagePlan plan);

    /// <summary>
    /// Back-propagates, steps when <paramref name="update"/>, and for continuous plans returns d loss / d message
    /// at the plan's stored (index, value) entries, aligned with plan.MessageValue.
    /// </summary>
    Tensor? ApplyCotangents(ReadOnlySpan<float> dLogProbs, bool update);
}
