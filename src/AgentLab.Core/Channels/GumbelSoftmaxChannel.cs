using AgentLab.Channels.Pathwise;
using AgentLab.Numerics;

namespace AgentLab.Channels;

/// <summary>
/// Gumbel-Softmax: y = softmax((s + g)/T) with g Gumbel noise, consumed by the receiver as a vector and
/// differentiated pathwise. Straight-through sends onehot(argmax y) (one nonzero) but back-propagates
/// through the soft y. Objective = mean_b −log q(target | y_b) − c·mean H(softmax(s)).
/// </summary>
public sealed class GumbelSoftmaxChannel(string name, bool straightThrough, float entropyCoefficient, TemperatureSchedule schedule)
    : PathwiseVectorChannel(name, entropyCoefficient)
{
    private Tensor? _soft;
    private float[] _gumbels = [];
    private float _temperature = 1f;

    /// <summary>When set, supplies the uniforms u (clamped as the reference does) instead of the channel's stream.</summary>
    public Func<int, int, double>? ForcedUniforms { get; set; }

    protected override void Resize(int batch, int vocab)
    {
        _soft = new Tensor(batch, vocab);
        _gumbels = new float[vocab];
    }

    protected override void BeginPlan(ChannelContext context) => _temperature = schedule.At(context.Step);

    protected override void SampleRow(int game, ReadOnlySpan<float> scores, Span<float> message, ChannelContext context)
    {
        for (int i = 0; i < _gumbels.Length; i++)
            _gumbels[i] = ForcedUniforms != null ? GumbelNoise.FromUniform<float>(ForcedUniforms(game, i)) : context.Rng.NextGumbel();
        var y = _soft!.Row(game);
        GumbelSoftmaxSample.Forward<float>(scores, _gumbels, _temperature, y);
        if (straightThrough)
        {
            message.Clear();
            message[GumbelSoftmaxSample.StraightThroughIndex<float>(y)] = 1f;
        }
        else
            y.CopyTo(message);
    }

    /// <summary>Straight-through back-propagates through the soft y, so it needs d/d message on every coordinate.</summary>
    protected override bool CotangentOnEveryCoordinate => straightThrough;

    /// <summary>ds += (1/T)(y ⊙ dy − y⟨y, dy⟩) with the soft y, for both variants.</summary>
    protected override void AddRowVjp(int game, ReadOnlySpan<float> dMessage, Span<float> dScores) =>
        GumbelSoftmaxSample.AddVjp<float>(_soft!.Row(game), dMessage, _temperature, dScores);
}
