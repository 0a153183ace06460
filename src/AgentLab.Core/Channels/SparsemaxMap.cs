using AgentLab.Sparse;

namespace AgentLab.Channels;

/// <summary>p = sparsemax(s): exact zeros outside a (usually small) support; backward costs O(|support|).</summary>
public sealed class SparsemaxMap : IProbabilityMap
{
    public string Name => "sparsemax";

    public void Forward(ReadOnlySpan<float> scores, Span<float> probs) => Sparsemax.Forward(scores, probs, 1f);

    public void Backward(ReadOnlySpan<float> probs, ReadOnlySpan<float> dProbs, Span<float> dScores) =>
        Sparsemax.Backward(probs, dProbs, dScores, 1f);
}
