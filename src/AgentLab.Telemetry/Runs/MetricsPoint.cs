namespace AgentLab.Telemetry.Runs;

/// <summary>
/// What a training run reports at the end of one logging interval: one line of <c>metrics.jsonl</c>.
/// Rates and means (<see cref="Success"/>, <see cref="Entropy"/>, ...) describe the interval that
/// ends at <see cref="Step"/>, not the run so far; <see cref="Games"/> and
/// <see cref="ElapsedSeconds"/> are cumulative so that a resumed run continues the same axis.
/// Serialised with <see cref="TelemetryJson.Options"/>, which names the fields in snake_case.
/// </summary>
public sealed record MetricsPoint
{
    /// <summary>Optimizer steps taken so far.</summary>
    public required long Step { get; init; }

    /// <summary>Games played so far (cumulative over the whole run, including before a resume).</summary>
    public required long Games { get; init; }

    /// <summary>The quantity the optimizer minimised (task loss plus any surrogate or regulariser terms).</summary>
    public required double Objective { get; init; }

    /// <summary>The game's task loss alone, comparable across gradient estimators (referential game: the receiver's loss; bit-vector VAE: the training negative ELBO in bits per dimension).</summary>
    public required double TaskLoss { get; init; }

    /// <summary>Fraction of training games in the interval where the receiver picked the target.</summary>
    public required double Success { get; init; }

    /// <summary>Mean entropy of the sender's message distribution, in nats.</summary>
    public required double Entropy { get; init; }

    /// <summary>Mean receiver evaluations per game (the full message space for dense marginalisation, a few for sparse).</summary>
    public required double ReceiverCalls { get; init; }

    /// <summary>Mean number of non-zero coordinates in the sender's output.</summary>
    public required double Nonzeros { get; init; }

    /// <summary>Training throughput over the interval.</summary>
    public required double GamesPerSecond { get; init; }

    /// <summary>Wall-clock seconds of training so far (cumulative).</summary>
    public required double ElapsedSeconds { get; init; }

    /// <summary>Success on the validation set, when the run evaluated at this step.</summary>
    public double? ValidationSuccess { get; init; }

    /// <summary>Figures only some methods have (a temperature, a baseline value), by name.</summary>
    public Dictionary<string, double>? Extra { get; init; }
}
