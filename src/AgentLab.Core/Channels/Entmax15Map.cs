using AgentLab.Sparse;

namespace AgentLab.Channels;

/// <summary>p = 1.5-entmax(s): sparse like sparsemax, smoother on its support.</summary>
public sealed class Entmax15Map : IProbabilityMap
{
    public string Name => "entmax15";

    public void Forward(ReadOnlySpan<float> scores, Span<float> probs) => Entmax15.Forward(scores, probs, 1f);

    public void Backward(ReadOnlySpan<float> probs, ReadOnlySpan<float> dProbs, Span<float> dScores) =>
        Entmax15.Backward(probs, dProbs, dScores, 1f);
}
