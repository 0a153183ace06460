namespace AgentLab.Channels;

/// <summary>
/// What a vector-message channel measured about the messages of its last training step (StepOutcome has
/// a fixed shape, so these live on the channel: <see cref="PathwiseVectorChannel.LastStatistics"/>).
/// </summary>
/// <param name="MeanNonzeros">Mean number of nonzero coordinates per message (also StepOutcome.Nonzeros).</param>
/// <param name="VertexFraction">Fraction of messages with a single nonzero (a vertex of the simplex: a discrete symbol).</param>
/// <param name="DirectSumEntropy">
/// Monte Carlo estimate of the messages' direct-sum entropy H⊕ = −E log p⊕(y) (nats, docs/ALGORITHMS.md §8.7),
/// averaged over <paramref name="EntropyGames"/> games of the step; NaN when the channel has no tractable
/// density (K-D Hard Concrete, Gumbel-Softmax here).
/// </param>
/// <param name="EntropyGames">How many games the entropy estimate averages (0 when there is none).</param>
public readonly record struct MessageStatistics(double MeanNonzeros, double VertexFraction, double DirectSumEntropy, int EntropyGames)
{
    public static MessageStatistics None { get; } = new(double.NaN, double.NaN, double.NaN, 0);
}
