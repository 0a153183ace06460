namespace AgentLab.Channels;

/// <summary>
/// What one training step measured, as the channel sees it: the objective that was differentiated, the
/// task loss inside it, training success (the expected success for marginalization, the sampled one for
/// Monte Carlo estimators), the sender's entropy, receiver evaluations and message nonzeros per game.
/// </summary>
public readonly record struct StepOutcome(
    float Objective,
    float TaskLoss,
    float Success,
    float Entropy,
    float ReceiverCalls,
    float Nonzeros);
