namespace AgentLab.Games.Referential;

/// <summary>
/// Scores on a fixed game set. Success follows the paper: for marginalization the expected success under
/// the sender's distribution (Σ_z p_z acc(z)); for Monte Carlo and relaxed channels the success of the
/// message the channel actually sends (a sample). Greedy success sends the highest-scoring message instead.
/// </summary>
public sealed record EvaluationResult(int Games, double Success, double GreedySuccess, double ReceiverCalls, double Nonzeros);
