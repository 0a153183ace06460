using AgentLab.Numerics;

namespace AgentLab.Channels;

/// <summary>
/// A channel that sends one sampled vector per game and differentiates it pathwise with its noise held
/// fixed (Gumbel-Softmax, Gaussian-Sparsemax, K-D Hard Concrete): the vector goes into the plan as the
/// (index, value) pairs of its nonzeros, the receiver reads it through a linear map, its gradient with
/// respect to those entries comes back through <see cref="AddMessageCotangent"/>, and the subclass maps it
/// to the scores by the sample's VJP. The sparsemax-based samples need no more: their VJP reads the
/// cotangent only on the support. The objective is <see cref="VectorMessageObjective"/>. Subclasses only
/// say how one row is sampled and differentiated.
/// </summary>
public abstract class PathwiseVectorChannel : IChannel
{
    private readonly float _entropyCoefficient;
    private Tensor? _messages;
    private float[] _dMessage = [];

    protected PathwiseVectorChannel(string name, float entropyCoefficient)
    {
        Name = name;
        _entropyCoefficient = entropyCoefficient;
    }

    public string Name { get; }

    /// <summary>Nonzeros, vertex fraction and (where available) the H⊕ estimate of the last training step's messages.</summary>
    public MessageStatistics LastStatistics { get; private set; } = MessageStatistics.None;

    /// <summary>The messages of the last plan [B, V], as sent.</summary>
    protected Tensor Messages => _messages ?? throw new InvalidOperationException($"{Name}: no plan yet");

    public void Plan(Tensor scores, MessagePlan plan, ChannelContext context)
    {
        int batch = scores.Shape[0], vocab = scores.Shape[1];
        if (_messages == null || _messages.Length != scores.Length)
        {
            _messages = new Tensor(batch, vocab);
            _dMessage = new float[vocab];
            Resize(batch, vocab);
        }
        BeginPlan(context);
        plan.UseVectors();
        long nonzeros = 0;
        for (int b = 0; b < batch; b++)
        {
            var message = _messages.Row(b);
            SampleRow(b, scores.Row(b), message, context);
            foreach (float v in message) if (v != 0f) nonzeros++;
            plan.AddMessage(message, CotangentOnEveryCoordinate);
        }
        plan.MeanNonzeros = (float)nonzeros / batch;
    }

    public StepOutcome Assess(Tensor scores, MessagePlan plan, Tensor logProbs, int[] targets, ChannelContext context,
        Span<float> dLogProbs, Tensor dScores)
    {
        var outcome = VectorMessageObjective.Assess(scores, plan, logProbs, targets, _entropyCoefficient, dLogProbs, dScores);
        LastStatistics = Measure(scores, plan.Batch);
        return outcome;
    }

    public void AddMessageCotangent(MessagePlan plan, Tensor dMessages, Tensor dScores)
    {
        _ = Messages;
        for (int b = 0; b < plan.Batch; b++)
        {
            plan.ScatterMessage(b, dMessages.Data, _dMessage);
            AddRowVjp(b, _dMessage, dScores.Row(b));
        }
    }

    /// <summary>
    /// True when the VJP needs the message cotangent off the message's support too (straight-through, which
    /// differentiates a dense soft sample it does not send): the plan then stores every coordinate.
    /// </summary>
    protected virtual bool CotangentOnEveryCoordinate => false;

    /// <summary>Called when the batch shape changes, before the plan: size per-game buffers here.</summary>
    protected abstract void Resize(int batch, int vocab);

    /// <summary>Per-plan settings (the temperature of the step).</summary>
    protected virtual void BeginPlan(ChannelContext context) { }

    /// <summary>Draws the noise of game <paramref name="game"/> and writes the message it sends.</summary>
    protected abstract void SampleRow(int game, ReadOnlySpan<float> scores, Span<float> message, ChannelContext context);

    /// <summary>dScores += (d message / d scores)ᵀ · dMessage for game <paramref name="game"/> of the last plan.</summary>
    protected abstract void AddRowVjp(int game, ReadOnlySpan<float> dMessage, Span<float> dScores);

    /// <summary>Mean log p⊕ of some of the last plan's messages, and how many games it used; (NaN, 0) without a density.</summary>
    protected virtual (double MeanLogDensity, int Games) MeasureLogDensity(Tensor scores) => (double.NaN, 0);

    private MessageStatistics Measure(Tensor scores, int batch)
    {
        long nonzeros = 0;
        int vertices = 0;
        for (int b = 0; b < batch; b++)
        {
            int count = 0;
            foreach (float v in Messages.Row(b)) if (v != 0f) count++;
            nonzeros += count;
            if (count == 1) vertices++;
        }
        var (meanLogDensity, games) = MeasureLogDensity(scores);
        return new MessageStatistics((double)nonzeros / batch, (double)vertices / batch, -meanLogDensity, games);
    }
}
