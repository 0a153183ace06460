using AgentLab.Channels;
using AgentLab.Channels.BitVector;
using AgentLab.Numerics;

namespace AgentLab.Tests.Channels.BitVector;

/// <summary>
/// A stand-in decoder for channel tests: a fixed loss ℓ(z) = Σ_i a_i z_i + Σ_{i&lt;j} c_ij z_i z_j + d for latent
/// vectors z ∈ [0,1]^D (smooth in z, so relaxed channels have a pathwise gradient), and the helpers that run a
/// channel's plan/assess cycle on it in the order <see cref="IBitVectorChannel"/> prescribes.
/// </summary>
internal sealed class BitChannelProblem
{
    private readonly double[] _linear;
    private readonly double[] _pairs;
    private readonly double _offset;

    public BitChannelProblem(int bits, ulong seed)
    {
        Bits = bits;
        var rng = new Rng(seed);
        _linear = Enumerable.Range(0, bits).Select(_ => 2.0 * rng.NextNormalDouble()).ToArray();
        _pairs = Enumerable.Range(0, bits * bits).Select(_ => rng.NextNormalDouble()).ToArray();
        _offset = 3.0;
    }

    public int Bits { get; }

    public double Loss(ReadOnlySpan<float> z)
    {
        double sum = _offset;
        for (int i = 0; i < Bits; i++)
        {
            sum += _linear[i] * z[i];
            for (int j = i + 1; j < Bits; j++) sum += _pairs[i * Bits + j] * z[i] * z[j];
        }
        return sum;
    }

    /// <summary>∂ℓ/∂z.</summary>
    public void LossGradient(ReadOnlySpan<float> z, Span<float> gradient)
    {
        for (int i = 0; i < Bits; i++)
        {
            double g = _linear[i];
            for (int j = 0; j < Bits; j++)
                if (j != i) g += _pairs[Math.Min(i, j) * Bits + Math.Max(i, j)] * z[j];
            gradient[i] = (float)g;
        }
    }

    /// <summary>
    /// One training step's channel side: plan, the losses (and their weight / B-scaled message gradients for
    /// relaxed channels, as the decoder would back-propagate them), assess; returns d objective / d scores.
    /// </summary>
    public (Tensor DScores, BitVectorPlan Plan, BitVectorOutcome Outcome) Step(IBitVectorChannel channel, Tensor scores, ChannelContext context,
        Tensor? inputs = null)
    {
        int batch = scores.Shape[0];
        var plan = new BitVectorPlan(batch, Bits);
        channel.Plan(scores, plan, context, training: true);
        var losses = new float[plan.Count];
        var dMessages = new float[plan.Count * Bits];
        for (int e = 0; e < plan.Count; e++)
        {
            var z = plan.Messages.Slice(e * Bits, Bits);
            losses[e] = (float)Loss(z);
            LossGradient(z, dMessages.AsSpan(e * Bits, Bits));
            for (int i = 0; i < Bits; i++) dMessages[e * Bits + i] *= plan.Weight[e] / batch;
        }
        var dScores = new Tensor(batch, Bits);
        var outcome = channel.Assess(scores, plan, losses, inputs ?? new Tensor(batch, 1), context, dScores);
        if (plan.IsRelaxed) channel.AddMessageCotangent(plan, dMessages, dScores);
        return (dScores, plan, outcome);
    }

    /// <summary>All 2^D configurations as 0/1 float vectors, configuration c having bit i = (c &gt;&gt; i) &amp; 1.</summary>
    public IEnumerable<float[]> AllConfigurations()
    {
        for (int c = 0; c < 1 << Bits; c++)
            yield return Enumerable.Range(0, Bits).Select(i => (float)((c >> i) & 1)).ToArray();
    }
}
