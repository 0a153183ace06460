using AgentLab.Telemetry.Plotting;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Telemetry.Reports;

/// <summary>
/// What a game's comparison shows: the table's columns in order, an optional sentence on how to read them,
/// the training curves and the trade-off plot. The game chooses it; <see cref="Referential"/> is the
/// referential game's. Extras of the runs that are not columns follow the columns, in the order first met.
/// </summary>
public sealed record ComparisonFigures(
    IReadOnlyList<TableFigure> Table,
    IReadOnlyList<TrainingCurve> Curves,
    TradeOffPlot TradeOff,
    string? Reading = null)
{
    /// <summary>Every figure the summary has: the columns it has a value for, then its other extras.</summary>
    public IEnumerable<(string Name, double Value)> Of(RunSummary summary)
    {
        foreach (var figure in Table)
            if (figure.Value(summary) is double value) yield return (figure.Name, value);
        if (summary.Extra is null) yield break;
        foreach (var (name, value) in summary.Extra)
            if (!Table.Any(figure => figure.Name == name)) yield return (name, value);
    }

    public const string TestSuccess = "test_success";
    public const string MeanNonzeros = "mean_nonzeros";

    /// <summary>
    /// The referential game: success (sampled and greedy), receiver calls and message density, throughput;
    /// plots of training success, receiver calls and test success against density.
    /// </summary>
    public static ComparisonFigures Referential { get; } = new(
        [
            new(TestSuccess, s => s.TestSuccess),
            new("test_success_greedy", s => s.TestSuccessGreedy),
            new("mean_receiver_calls", s => s.MeanReceiverCalls),
            new(MeanNonzeros, s => s.MeanNonzeros),
            new("train_games_per_second", s => s.TrainGamesPerSecond),
            new("wall_seconds", s => s.WallSeconds),
        ],
        [
            new TrainingCurve("Success during training (mean over seeds)", "success", point => point.Success,
                "Fraction of training games won in each logging interval, averaged over seeds at each step; dashed: validation success where the runs evaluated.")
            {
                Validation = point => point.ValidationSuccess,
                YRange = new AxisRange(0, 1),
            },
            // Log axis: dense marginalisation's 256 and a sparse method's 1–3 both stay readable.
            new TrainingCurve("Receiver calls per game (mean over seeds)", "receiver calls", point => point.ReceiverCalls,
                "Receiver evaluations per game, averaged over seeds at each step (log scale).")
            {
                YScale = ScaleKind.Log,
            },
        ],
        new TradeOffPlot("Test success vs message density", MeanNonzeros, "mean nonzeros", TestSuccess, "test success",
            "One point per method: mean test success against mean non-zero message coordinates; bars are ± one standard error over seeds.")
        {
            YRange = new AxisRange(0, 1),
        });
}
