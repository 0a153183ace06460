using AgentLab.Numerics;

namespace AgentLab.Channels;

/// <summary>
/// Exact marginalization: p = map(s), loss = (1/B) Σ_b Σ_{z ∈ supp p_b} p_bz ℓ_b(z) − c·mean_b H(p_b).
/// With softmax every message is evaluated (dense); with sparsemax or 1.5-entmax only the support, so the
/// work per game grows with |supp p_b|, not with the vocabulary, and the gradient is exact.
/// </summary>
public sealed class MarginalizationChannel : IChannel
{
    private readonly IProbabilityMap _map;
    private readonly float _entropyCoefficient;
    private Tensor? _probs;
    private float[] _dProbs = [];
    private float[] _rowLoss = [];

    public MarginalizationChannel(string name, IProbabilityMap map, float entropyCoefficient)
    {
        Name = name;
        _map = map;
        _entropyCoefficient = entropyCoefficient;
    }

    public string Name { get; }

    /// <summary>The distributions of the last plan, [B, V].</summary>
    public Tensor Probabilities => _probs ?? throw new InvalidOperationException($"{Name}: no plan yet");

    public void Plan(Tensor scores, MessagePlan plan, ChannelContext context)
    {
        int batch = scores.Shape[0], vocab = scores.Shape[1];
        if (_probs == null || _probs.Length != scores.Length) { _probs = new Tensor(batch, vocab); _dProbs = new float[vocab]; }
        plan.ClearPairs();
        for (int b = 0; b < batch; b++)
        {
            var p = _probs.Row(b);
            try { _map.Forward(scores.Row(b), p); }
            catch (ArgumentException e) { throw new ArgumentException($"{Name}: sender scores of game {b}: {e.Message}", e); }
            for (int z = 0; z < vocab; z++) if (p[z] > 0f) plan.AddPair(b, z, p[z]);
        }
        plan.MeanNonzeros = plan.ReceiverCallsPerGame;
    }

    public StepOutcome Assess(Tensor scores, MessagePlan plan, Tensor logProbs, int[] targets, ChannelContext context,
        Span<float> dLogProbs, Tensor dScores)
    {
        var probs = Probabilities;
        int batch = plan.Batch, g = logProbs.LastDim;
        float invB = 1f / batch;
        if (_rowLoss.Length < plan.Count) _rowLoss = new float[plan.Count];
        dLogProbs[..(plan.Count * logProbs.LastDim)].Clear();
        dScores.Zero();
        double loss = 0, success = 0, entropy = 0;
        int e = 0;
        for (int b = 0; b < batch; b++)
        {
            var dp = _dProbs.AsSpan();
            dp.Clear();
            for (; e < plan.Count && plan.Game[e] == b; e++)
            {
                var lq = logProbs.Row(e);
                float nll = -lq[targets[b]];
                float w = plan.Weight[e];
                loss += w * nll;
                if (RowKernels.ArgMax(lq) == targets[b]) success += w;
                dLogProbs.Slice(e * logProbs.LastDim, logProbs.LastDim)[targets[b]] = -w * invB;
                dp[plan.Symbol[e]] = nll * invB;
            }
            var p = probs.Row(b);
            entropy += Entropy.Of(p);
            Entropy.GradientWrtProbs(p, -_entropyCoefficient * invB, dp);
            _map.Backward(p, dp, dScores.Row(b));
        }
        float meanLoss = (float)(loss * invB), meanEntropy = (float)(entropy * invB);
        return new StepOutcome(meanLoss - _entropyCoefficient * meanEntropy, meanLoss, (float)(success * invB), meanEntropy,
            plan.ReceiverCallsPerGame, plan.MeanNonzeros);
    }

    public void AddMessageCotangent(MessagePlan plan, Tensor dMessages, Tensor dScores) =>
        throw new InvalidOperationException($"{Name} sends discrete messages; there is no message cotangent");
}
