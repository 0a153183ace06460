using AgentLab.Channels.BitVector;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Games.BitVectorVae;

/// <summary>Means of the step outcomes over one logging interval, turned into a metrics.jsonl line.</summary>
public sealed class VaeIntervalAverages(double startSeconds = 0, long startImages = 0)
{
    private double _objective, _reconstruction, _kl, _calls;
    private int _steps;

    public void Add(BitVectorOutcome outcome)
    {
        _objective += outcome.Objective;
        _reconstruction += outcome.Reconstruction;
        _kl += outcome.Kl;
        _calls += outcome.DecoderCalls;
        _steps++;
    }

    /// <summary>
    /// task_loss is the training negative ELBO in bits per dimension; entropy is H(q) = D log 2 − KL per image;
    /// receiver_calls and nonzeros are decoder calls per image.
    /// </summary>
    public MetricsPoint ToPoint(long step, long images, double seconds, int pixels, int bits, double? validationBitsPerDim)
    {
        double n = Math.Max(1, _steps), elapsed = seconds - startSeconds;
        var extra = new Dictionary<string, double>
        {
            ["reconstruction_nats"] = _reconstruction / n,
            ["kl_nats"] = _kl / n,
        };
        if (validationBitsPerDim is { } v) extra["validation_bits_per_dim"] = v;
        return new MetricsPoint
        {
            Step = step,
            Games = images,
            Objective = _objective / n,
            TaskLoss = BitVectorVaeRunner.BitsPerDimension((_reconstruction + _kl) / n, pixels),
            Success = 0,
            Entropy = bits * Math.Log(2) - _kl / n,
            ReceiverCalls = _calls / n,
            Nonzeros = _calls / n,
            GamesPerSecond = elapsed > 0 ? (images - startImages) / elapsed : 0,
            ElapsedSeconds = seconds,
            Extra = extra,
        };
    }
}
