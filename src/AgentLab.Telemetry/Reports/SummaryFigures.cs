using AgentLab.Telemetry.Runs;

namespace AgentLab.Telemetry.Reports;

/// <summary>
/// The figures of a <see cref="RunSummary"/> that a comparison aggregates over seeds, by their
/// JSON names, in table order. <c>steps</c> and <c>seed</c> are settings, not results, and are left out.
/// </summary>
internal static class SummaryFigures
{
    public const string TestSuccess = "test_success";
    public const string MeanNonzeros = "mean_nonzeros";

    public static IReadOnlyList<(string Name, Func<RunSummary, double> Value)> Fixed { get; } =
    [
        (TestSuccess, s => s.TestSuccess),
        ("test_success_greedy", s => s.TestSuccessGreedy),
        ("mean_receiver_calls", s => s.MeanReceiverCalls),
        (MeanNonzeros, s => s.MeanNonzeros),
        ("train_games_per_second", s => s.TrainGamesPerSecond),
        ("wall_seconds", s => s.WallSeconds),
    ];

    /// <summary>Every figure the summary has: the fixed ones, then its extras (an extra may not shadow a fixed one).</summary>
    public static IEnumerable<(string Name, double Value)> Of(RunSummary summary)
    {
        foreach (var (name, value) in Fixed) yield return (name, value(summary));
        if (summary.Extra is null) yield break;
        foreach (var (name, value) in summary.Extra)
            if (!Fixed.Any(f => f.Name == name)) yield return (name, value);
    }
}
