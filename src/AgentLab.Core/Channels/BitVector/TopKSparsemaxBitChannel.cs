using AgentLab.Numerics;
using AgentLab.Sparse;

namespace AgentLab.Channels.BitVector;

/// <summary>
/// Top-k sparsemax over bit-vectors (docs/ALGORITHMS.md §6): the k highest-scoring configurations,
/// θ(z) = ⟨s, z⟩, weighted by sparsemax(θ); the decoder runs once per configuration with p &gt; 0 and the
/// loss is the exact expectation, so training and evaluation use the same plan. The gradient to the scores
/// is Zᵀ J_sparsemax (ℓ + log p + 1) / B.
/// </summary>
public sealed class TopKSparsemaxBitChannel : IBitVectorChannel
{
    private readonly int _k;
    private byte[] _configs = [];
    private float[] _configScores = [];
    private float[] _probs = [];
    private float[] _expected = [];
    private int[] _evaluation = [];

    public TopKSparsemaxBitChannel(string name, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        Name = name;
        _k = k;
    }

    public string Name { get; }

    public void Plan(Tensor scores, BitVectorPlan plan, ChannelContext context, bool training)
    {
        int batch = scores.Shape[0], bits = scores.Shape[1], count = TopKSparsemax.ConfigCount(bits, _k);
        if (_probs.Length != batch * count)
        {
            _configs = new byte[batch * count * bits];
            _configScores = new float[batch * count];
            _probs = new float[batch * count];
            _expected = new float[batch * bits];
            _evaluation = new int[batch * count];
        }
        TopKSparsemax.Forward<float>(scores.Data, batch, bits, _k, 1f, _configs, _configScores, _probs, _expected);
        plan.Clear();
        Span<double> weights = stackalloc double[count];
        for (int b = 0; b < batch; b++)
        {
            for (int j = 0; j < count; j++)
            {
                int slot = b * count + j;
                float p = _probs[slot];
                weights[j] = p;
                _evaluation[slot] = -1;
                if (!(p > SparseConfigurationObjective.ZeroWeight)) continue;
                _evaluation[slot] = plan.Count;
                var z = plan.Add(b, p);
                var config = _configs.AsSpan(slot * bits, bits);
                for (int i = 0; i < bits; i++) z[i] = config[i];
            }
            plan.Kl[b] = SparseConfigurationObjective.KlToUniform(weights, bits);
        }
    }

    public BitVectorOutcome Assess(Tensor scores, BitVectorPlan plan, ReadOnlySpan<float> losses, Tensor inputs, ChannelContext context,
        Tensor dScores)
    {
        int batch = scores.Shape[0], bits = scores.Shape[1], count = TopKSparsemax.ConfigCount(bits, _k);
        Span<double> weights = stackalloc double[count];
        Span<double> dWeights = stackalloc double[count];
        var dProbs = new float[count];
        double reconstruction = 0, kl = 0;
        for (int b = 0; b < batch; b++)
        {
            var p = _probs.AsSpan(b * count, count);
            for (int j = 0; j < count; j++) weights[j] = p[j];
            reconstruction += SparseConfigurationObjective.WeightCotangent(weights, _evaluation.AsSpan(b * count, count), losses, 1.0 / batch, dWeights);
            for (int j = 0; j < count; j++) dProbs[j] = (float)dWeights[j];
            TopKSparsemax.Backward<float>(_configs.AsSpan(b * count * bits, count * bits), p, dProbs, dScores.Row(b), _k, 1f);
            kl += plan.Kl[b];
        }
        reconstruction /= batch;
        kl /= batch;
        return new BitVectorOutcome(reconstruction + kl, reconstruction, kl, plan.DecoderCallsPerImage);
    }
}
