namespace AgentLab.Telemetry.Runs;

/// <summary>
/// The final figures of one finished run (one scenario, one method, one seed): the content of
/// <c>summary.json</c> and one row of input to a comparison report.
/// Serialised with <see cref="TelemetryJson.Options"/>, which names the fields in snake_case.
/// </summary>
public sealed record RunSummary
{
    /// <summary>The scenario's name, as the scenario file gives it.</summary>
    public required string Scenario { get; init; }

    /// <summary>The gradient estimator, e.g. <c>sfe</c>, <c>gumbel-st</c>, <c>sparsemax-marg</c>.</summary>
    public required string Method { get; init; }

    public required long Seed { get; init; }

    /// <summary>Optimizer steps the run completed.</summary>
    public required long Steps { get; init; }

    // The next four are the referential game's; a game without them (the bit-vector VAE) leaves them
    // null, and summary.json then has no such field.

    /// <summary>Test-set success with messages sampled as in training.</summary>
    public double? TestSuccess { get; init; }

    /// <summary>Test-set success with the sender's most likely message.</summary>
    public double? TestSuccessGreedy { get; init; }

    /// <summary>Mean receiver evaluations per training game over the run.</summary>
    public double? MeanReceiverCalls { get; init; }

    /// <summary>Mean non-zero coordinates of the sender's output over the run.</summary>
    public double? MeanNonzeros { get; init; }

    /// <summary>Training throughput over the whole run (games per second; for the bit-vector VAE, images per second).</summary>
    public required double TrainGamesPerSecond { get; init; }

    /// <summary>Wall-clock seconds from start to finish, evaluation included.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Figures only some methods have, by name; reports aggregate them like the fixed ones.</summary>
    public Dictionary<string, double>? Extra { get; init; }

    /// <summary>Free-form facts worth keeping with the result (host, commit, warnings), by name.</summary>
    public Dictionary<string, string>? Notes { get; init; }
}
