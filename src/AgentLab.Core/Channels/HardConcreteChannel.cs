using AgentLab.Channels.Pathwise;
using AgentLab.Numerics;

namespace AgentLab.Channels;

/// <summary>
/// K-D Hard Concrete messages (Farinhas et al. 2022; docs/ALGORITHMS.md §8.3): a Gumbel-Softmax sample
/// r = softmax((s + g)/T) is stretched and projected, y = sparsemax(λr) with λ = 1.1 (the signal-game
/// setting), so small coordinates are cut and y lies on a face of the simplex. T follows the Gumbel
/// schedule (<see cref="TemperatureSchedule"/>). The message is sent as the (index, value) entries of its
/// support (nonzeros = the measured support size) and differentiated pathwise,
/// J = J_softmax/T · λ · J_sparsemax(λr), which reads the cotangent on the support only.
/// <see cref="PathwiseVectorChannel.LastStatistics"/> has nonzeros and the vertex fraction but no H⊕:
/// §8 gives no tractable density for this law (it would need a (K − f)-dimensional integral per face).
/// </summary>
public sealed class HardConcreteChannel : PathwiseVectorChannel
{
    private readonly TemperatureSchedule _schedule;
    private readonly float _lambda;
    private Tensor? _relaxed;
    private float[] _gumbels = [];
    private float _temperature = 1f;

    public HardConcreteChannel(string name, float entropyCoefficient, TemperatureSchedule schedule, float lambda = (float)KdHardConcreteSample.DefaultLambda)
        : base(name, entropyCoefficient)
    {
        if (!(lambda > 1f)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "the stretch must exceed 1");
        _schedule = schedule;
        _lambda = lambda;
    }

    /// <summary>When set, supplies the uniforms u (clamped as the reference does) instead of the channel's stream.</summary>
    public Func<int, int, double>? ForcedUniforms { get; set; }

    /// <summary>The temperature of the last plan.</summary>
    public float Temperature => _temperature;

    protected override void Resize(int batch, int vocab)
    {
        _relaxed = new Tensor(batch, vocab);
        _gumbels = new float[vocab];
    }

    protected override void BeginPlan(ChannelContext context) => _temperature = _schedule.At(context.Step);

    protected override void SampleRow(int game, ReadOnlySpan<float> scores, Span<float> message, ChannelContext context)
    {
        for (int i = 0; i < _gumbels.Length; i++)
            _gumbels[i] = ForcedUniforms != null ? GumbelNoise.FromUniform<float>(ForcedUniforms(game, i)) : context.Rng.NextGumbel();
        KdHardConcreteSample.Forward<float>(scores, _gumbels, _temperature, _lambda, _relaxed!.Row(game), message);
    }

    protected override void AddRowVjp(int game, ReadOnlySpan<float> dMessage, Span<float> dScores) =>
        KdHardConcreteSample.AddVjp<float>(_relaxed!.Row(game), Messages.Row(game), dMessage, _temperature, _lambda, dScores);
}
