using AgentLab.Channels.Pathwise;
using AgentLab.Numerics;

namespace AgentLab.Channels.BitVector;

/// <summary>
/// Gumbel (Binary Concrete) relaxation of the bit-vector, and its straight-through variant (docs/ALGORITHMS.md
/// §8.6, §8.2): per bit y = σ((logit u + s)/τ) with u ~ U(0,1); the decoder sees y (relaxed) or the hard bit
/// 1[y &gt; ½] (straight-through), and the gradient flows back through y's Jacobian either way. The KL term is
/// that of the Bernoulli posterior σ(s), exact. τ follows <see cref="TemperatureSchedule"/>. Evaluation uses the
/// hard bits, i.e. a discrete sample z ~ q.
/// </summary>
public sealed class BinaryConcreteBitChannel : IBitVectorChannel
{
    private readonly bool _straightThrough;
    private readonly TemperatureSchedule _schedule;
    private float[] _relaxed = [];
    private float[] _scores = [];
    private float _temperature = 1f;

    public BinaryConcreteBitChannel(string name, bool straightThrough, TemperatureSchedule schedule)
    {
        Name = name;
        _straightThrough = straightThrough;
        _schedule = schedule;
    }

    public string Name { get; }

    public void Plan(Tensor scores, BitVectorPlan plan, ChannelContext context, bool training)
    {
        int batch = scores.Shape[0], bits = scores.Shape[1];
        _temperature = _schedule.At(context.Step);
        if (_relaxed.Length != scores.Length)
        {
            _relaxed = new float[scores.Length];
            _scores = new float[scores.Length];
        }
        scores.Data.CopyTo(_scores, 0);
        Span<float> uniforms = stackalloc float[bits];
        plan.Clear();
        plan.IsRelaxed = training;
        for (int b = 0; b < batch; b++)
        {
            var s = scores.Row(b);
            context.Rng.FillUniform(uniforms);
            var y = _relaxed.AsSpan(b * bits, bits);
            BinaryConcreteSample.Forward<float>(s, uniforms, _temperature, y);
            var message = plan.Add(b, 1f);
            bool hard = _straightThrough || !training;
            for (int i = 0; i < bits; i++) message[i] = hard ? (y[i] > 0.5f ? 1f : 0f) : y[i];
            plan.Kl[b] = BernoulliBits.KlToUniform(s);
        }
    }

    public BitVectorOutcome Assess(Tensor scores, BitVectorPlan plan, ReadOnlySpan<float> losses, Tensor inputs, ChannelContext context,
        Tensor dScores)
    {
        int batch = scores.Shape[0];
        double reconstruction = 0, kl = 0;
        dScores.Zero();
        for (int b = 0; b < batch; b++)
        {
            BernoulliBits.AddKlGradient(scores.Row(b), 1.0 / batch, dScores.Row(b));
            reconstruction += losses[b];
            kl += plan.Kl[b];
        }
        reconstruction /= batch;
        kl /= batch;
        return new BitVectorOutcome(reconstruction + kl, reconstruction, kl, plan.DecoderCallsPerImage);
    }

    /// <summary>dScores += J_y(s)ᵀ dMessages (the straight-through variant uses the soft sample's Jacobian too).</summary>
    public void AddMessageCotangent(BitVectorPlan plan, ReadOnlySpan<float> dMessages, Tensor dScores)
    {
        int batch = plan.Batch, bits = plan.Bits;
        if (plan.Count != batch) throw new InvalidOperationException($"{Name}: expected one message per image, got {plan.Count}");
        for (int b = 0; b < batch; b++)
        {
            var y = _relaxed.AsSpan(b * bits, bits);
            // The logits argument only tells the VJP where the probability clamp is active.
            BinaryConcreteSample.AddVjp<float>(_scores.AsSpan(b * bits, bits), y, dMessages.Slice(b * bits, bits), _temperature, dScores.Row(b));
        }
    }
}
