using AgentLab.Numerics;

namespace AgentLab.Channels;

/// <summary>
/// The objective of the channels that send one vector per game (Gumbel, mixed): mean_b −log q(target | y_b)
/// − c·mean_b H(softmax(s_b)). The entropy bonus is that of the sender's categorical softmax(s), not of the
/// relaxed or mixed message (as the reference wrappers report it, docs/ALGORITHMS.md §8.1), so
/// <see cref="StepOutcome.Entropy"/> means the same for every estimator.
/// </summary>
public static class VectorMessageObjective
{
    /// <summary>
    /// Writes d objective / d logProbs (−1/B at each target) and the entropy bonus's d/d scores; the pathwise
    /// part through the messages is added later by the channel.
    /// </summary>
    public static StepOutcome Assess(Tensor scores, MessagePlan plan, Tensor logProbs, int[] targets, float entropyCoefficient,
        Span<float> dLogProbs, Tensor dScores)
    {
        int batch = plan.Batch;
        float invB = 1f / batch;
        dLogProbs[..(plan.Count * logProbs.LastDim)].Clear();
        dScores.Zero();
        double loss = 0, success = 0, entropy = 0;
        Span<float> p = stackalloc float[scores.LastDim];
        for (int b = 0; b < batch; b++)
        {
            var lq = logProbs.Row(b);
            loss -= lq[targets[b]];
            if (RowKernels.ArgMax(lq) == targets[b]) success++;
            dLogProbs.Slice(b * logProbs.LastDim, logProbs.LastDim)[targets[b]] = -invB;
            RowKernels.Softmax(scores.Row(b), p);
            entropy += Entropy.Of(p);
            Entropy.AddSoftmaxGradientWrtScores(p, -entropyCoefficient * invB, dScores.Row(b));
        }
        float meanLoss = (float)(loss * invB), meanEntropy = (float)(entropy * invB);
        return new StepOutcome(meanLoss - entropyCoefficient * meanEntropy, meanLoss, (float)(success * invB), meanEntropy,
            plan.ReceiverCallsPerGame, plan.MeanNonzeros);
    }
}
