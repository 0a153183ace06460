using AgentLab.Numerics;

namespace AgentLab.Channels;

/// <summary>
/// Gumbel-Softmax: y = softmax((s + g)/T) with g Gumbel noise, consumed by the receiver as a vector and
/// differentiated pathwise. Straight-through sends onehot(argmax y) (one nonzero) but back-propagates
/// through the soft y. Objective = mean_b −log q(target | y_b) − c·mean H(softmax(s)).
/// </summary>
public sealed class GumbelSoftmaxChannel : IChannel
{
    private readonly bool _straightThrough;
    private readonly float _entropyCoefficient;
    private readonly TemperatureSchedule _schedule;
    private Tensor? _soft;
    private float _temperature = 1f;

    public GumbelSoftmaxChannel(string name, bool straightThrough, float entropyCoefficient, TemperatureSchedule schedule)
    {
        Name = name;
        _straightThrough = straightThrough;
        _entropyCoefficient = entropyCoefficient;
        _schedule = schedule;
    }

    public string Name { get; }

    /// <summary>When set, supplies the uniforms u (clamped as the reference does) instead of the channel's stream.</summary>
    public Func<int, int, double>? ForcedUniforms { get; set; }

    public void Plan(Tensor scores, MessagePlan plan, ChannelContext context)
    {
        int batch = scores.Shape[0], vocab = scores.Shape[1];
        if (_soft == null || _soft.Length != scores.Length) _soft = new Tensor(batch, vocab);
        _temperature = _schedule.At(context.Step);
        plan.UseVectors();
        long nonzeros = 0;
        for (int b = 0; b < batch; b++)
        {
            var y = _soft.Row(b);
            var s = scores.Row(b);
            for (int i = 0; i < vocab; i++)
            {
                float g = ForcedUniforms != null ? GumbelOf(ForcedUniforms(b, i)) : context.Rng.NextGumbel();
                y[i] = (s[i] + g) / _temperature;
            }
            RowKernels.Softmax(y, y);
            var message = plan.Vectors.Row(b);
            if (_straightThrough)
            {
                message.Clear();
                message[RowKernels.ArgMax(y)] = 1f;
                nonzeros++;
            }
            else
            {
                y.CopyTo(message);
                foreach (float v in y) if (v != 0f) nonzeros++;
            }
        }
        plan.MeanNonzeros = (float)nonzeros / batch;
    }

    public StepOutcome Assess(Tensor scores, MessagePlan plan, Tensor logProbs, int[] targets, ChannelContext context,
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
            Entropy.AddSoftmaxGradientWrtScores(p, -_entropyCoefficient * invB, dScores.Row(b));
        }
        float meanLoss = (float)(loss * invB), meanEntropy = (float)(entropy * invB);
        return new StepOutcome(meanLoss - _entropyCoefficient * meanEntropy, meanLoss, (float)(success * invB), meanEntropy,
            plan.ReceiverCallsPerGame, plan.MeanNonzeros);
    }

    /// <summary>ds += (1/T)(y ⊙ dy − y⟨y, dy⟩) with the soft y, for both variants.</summary>
    public void AddMessageCotangent(MessagePlan plan, Tensor dVectors, Tensor dScores)
    {
        var soft = _soft ?? throw new InvalidOperationException($"{Name}: no plan yet");
        for (int b = 0; b < plan.Batch; b++)
        {
            var y = soft.Row(b); var dy = dVectors.Row(b); var ds = dScores.Row(b);
            float dot = System.Numerics.Tensors.TensorPrimitives.Dot(y, dy);
            for (int i = 0; i < y.Length; i++) ds[i] += y[i] * (dy[i] - dot) / _temperature;
        }
    }

    /// <summary>g = −log(−log u) with u clamped to [ε, 1−ε] for the float32 ε, as the reference.</summary>
    private static float GumbelOf(double u)
    {
        const double Float32Epsilon = 1.1920928955078125e-07;
        u = Math.Clamp(u, Float32Epsilon, 1 - Float32Epsilon);
        return (float)-Math.Log(-Math.Log(u));
    }
}
