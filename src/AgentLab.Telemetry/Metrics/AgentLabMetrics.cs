using System.Diagnostics.Metrics;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Telemetry.Metrics;

/// <summary>
/// The training figures as <see cref="System.Diagnostics.Metrics"/> instruments on the
/// <c>AgentLab</c> meter, so any OpenTelemetry pipeline (or a <see cref="MeterListener"/>) sees
/// them. One instance per process is enough; it is thread-safe.
/// </summary>
/// <remarks>
/// Every instrument is a <see cref="Histogram{T}"/>, not an ObservableGauge. A
/// <see cref="MetricsPoint"/> is already a per-interval value (the success rate over the last
/// logging interval, not a running state), and it arrives when the trainer pushes it, whereas a
/// gauge is pulled at export time and would need us to keep the last value of every tag set and
/// report only that one: two intervals logged between exports would lose one, and a finished run's
/// stale value would be reported for ever. A histogram receives every interval value; the
/// exporter sends count, sum, min and max (so the mean over the export window) plus buckets, and
/// nothing needs remembering here. Bucket boundaries are advised per instrument because the
/// default ones (0, 5, 10, 25, ...) suit milliseconds, not rates in [0, 1] or counts up to 256.
/// </remarks>
public sealed class AgentLabMetrics : IDisposable
{
    private readonly Histogram<double> _successRate;
    private readonly Histogram<double> _validationSuccessRate;
    private readonly Histogram<double> _nonzeros;
    private readonly Histogram<double> _receiverCalls;
    private readonly Histogram<double> _loss;
    private readonly Histogram<double> _entropy;
    private readonly Histogram<double> _gamesPerSecond;

    public AgentLabMetrics()
    {
        Meter = new Meter(MetricNames.MeterName);
        double[] rates = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0];
        double[] counts = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
        _successRate = Create(MetricNames.SuccessRate, "1", "Fraction of training games won over the logging interval", rates);
        _validationSuccessRate = Create(MetricNames.ValidationSuccessRate, "1", "Fraction of validation games won, when the run evaluated", rates);
        _nonzeros = Create(MetricNames.MessageNonzeros, "{coordinate}", "Mean non-zero coordinates of the sender's output over the interval", counts);
        _receiverCalls = Create(MetricNames.ReceiverCalls, "{call}", "Mean receiver evaluations per game over the interval", counts);
        _loss = Create(MetricNames.TrainLoss, "1", "Mean referential-game (task) loss over the interval", [0.01, 0.03, 0.1, 0.3, 1, 3, 10]);
        _entropy = Create(MetricNames.SenderEntropy, "nat", "Mean entropy of the sender's message distribution over the interval", [0.1, 0.25, 0.5, 1, 2, 3, 4, 5, 6]);
        _gamesPerSecond = Create(MetricNames.GamesPerSecond, "{game}/s", "Training throughput over the interval", [100, 300, 1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6]);
    }

    /// <summary>The meter the instruments belong to (named <see cref="MetricNames.MeterName"/>).</summary>
    public Meter Meter { get; }

    /// <summary>
    /// Records one logging interval. The train loss is the task loss, not the objective, because
    /// only the task loss means the same thing for every gradient estimator. Non-finite values are
    /// left out: one NaN would poison a histogram's sum for the rest of the run, and the run store
    /// keeps the truth anyway.
    /// </summary>
    public void Record(MetricsPoint point, RunTags tags)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(tags);
        var tagList = tags.ToTagList();
        RecordFinite(_successRate, point.Success, tagList);
        if (point.ValidationSuccess is double validation) RecordFinite(_validationSuccessRate, validation, tagList);
        RecordFinite(_nonzeros, point.Nonzeros, tagList);
        RecordFinite(_receiverCalls, point.ReceiverCalls, tagList);
        RecordFinite(_loss, point.TaskLoss, tagList);
        RecordFinite(_entropy, point.Entropy, tagList);
        RecordFinite(_gamesPerSecond, point.GamesPerSecond, tagList);
    }

    public void Dispose() => Meter.Dispose();

    private Histogram<double> Create(string name, string unit, string description, double[] bucketBoundaries) =>
        Meter.CreateHistogram(name, unit, description, tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = bucketBoundaries });

    private static void RecordFinite(Histogram<double> histogram, double value, System.Diagnostics.TagList tags)
    {
        if (double.IsFinite(value)) histogram.Record(value, tags);
    }
}
