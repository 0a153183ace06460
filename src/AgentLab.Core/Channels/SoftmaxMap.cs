using AgentLab.Numerics;

namespace AgentLab.Channels;

/// <summary>p = softmax(s): every message gets mass, so marginalization over it is dense.</summary>
public sealed class SoftmaxMap : IProbabilityMap
{
    public string Name => "softmax";

    public void Forward(ReadOnlySpan<float> scores, Span<float> probs) => RowKernels.Softmax(scores, probs);

    /// <summary>J g = p ⊙ g − p ⟨p, g⟩.</summary>
    public void Backward(ReadOnlySpan<float> probs, ReadOnlySpan<float> dProbs, Span<float> dScores)
    {
        float pg = System.Numerics.Tensors.TensorPrimitives.Dot(probs, dProbs);
        for (int i = 0; i < probs.Length; i++) dScores[i] = probs[i] * (dProbs[i] - pg);
    }
}
