namespace AgentLab.Channels;

/// <summary>
/// A map from one row of scores to a distribution over messages (softmax, sparsemax, 1.5-entmax), with
/// the vector-Jacobian product that marginalization needs.
/// </summary>
public interface IProbabilityMap
{
    string Name { get; }

    void Forward(ReadOnlySpan<float> scores, Span<float> probs);

    /// <summary>dScores = Jᵀ dProbs at the distribution <paramref name="probs"/> returned by Forward.</summary>
    void Backward(ReadOnlySpan<float> probs, ReadOnlySpan<float> dProbs, Span<float> dScores);
}
