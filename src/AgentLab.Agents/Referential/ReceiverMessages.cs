using AgentLab.Channels;
using AgentLab.Numerics;

namespace AgentLab.Agents.Referential;

/// <summary>
/// Command to the receiver: score the planned messages against these candidates. Vector messages travel in
/// the plan as the (index, value) entries of their nonzeros, so a message costs its nonzeros.
/// </summary>
public sealed record DecodeMessages(Tensor Candidates, MessagePlan Plan);

/// <summary>The receiver's reply: log-probabilities over candidates for every planned evaluation.</summary>
public sealed record MessagesDecoded(Tensor LogProbs);

/// <summary>Command to the receiver: learn from the cotangent of its log-probabilities.</summary>
public sealed record ApplyLogProbCotangents(float[] DLogProbs, bool Update);

/// <summary>
/// The receiver's reply, with d loss / d message for continuous channels (else null): one value per stored
/// entry of the plan's vector messages, aligned with plan.MessageValue.
/// </summary>
public sealed record ReceiverUpdated(Tensor? DMessages);
