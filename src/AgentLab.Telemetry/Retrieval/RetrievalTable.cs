using AgentLab.Telemetry.Reports;

namespace AgentLab.Telemetry.Retrieval;

/// <summary>
/// The cells of a retrieval sweep grouped by setting (memories, corruption, post, beta, map, steps), each figure
/// as mean ± standard error over the seeds: the numbers behind every file of a retrieval report.
/// Rows are ordered by memories, corruption, post and beta, steps, then map in the order the sweep lists them.
/// </summary>
public sealed class RetrievalTable
{
    public const string Exact = "exact";
    public const string Success = "success";
    public const string Support = "support";
    public const string SupportAbove001 = "support_p>0.01";
    public const string StepsTaken = "steps_taken";
    public const string MillisecondsPerBatch = "ms_per_batch";
    public const string QueriesPerSecond = "queries_per_s";

    /// <summary>Column order of every rendering.</summary>
    public static readonly string[] FigureNames = [Exact, Success, Support, SupportAbove001, StepsTaken, MillisecondsPerBatch, QueriesPerSecond];

    private RetrievalTable(string scenario, IReadOnlyList<RetrievalRow> rows)
    {
        Scenario = scenario;
        Rows = rows;
    }

    public string Scenario { get; }

    public IReadOnlyList<RetrievalRow> Rows { get; }

    /// <summary>Refuses no cells and a cell measured twice (one seed would count as two).</summary>
    public static RetrievalTable FromCells(string scenario, IReadOnlyList<RetrievalCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0) throw new ArgumentException("no retrieval cells to tabulate", nameof(cells));
        var repeated = cells.GroupBy(cell => cell.Key).FirstOrDefault(group => group.Count() > 1);
        if (repeated != null) throw new ArgumentException($"cell {repeated.Key} was measured {repeated.Count()} times; each seed may count once", nameof(cells));

        var mapOrder = cells.Select(cell => cell.Map).Distinct().ToList();
        var rows = cells
            .GroupBy(cell => (cell.Memories, cell.Corruption, cell.Post, cell.Beta, cell.Steps, cell.Map))
            .OrderBy(group => group.Key.Memories).ThenBy(group => group.Key.Corruption, StringComparer.Ordinal)
            .ThenBy(group => group.Key.Post, StringComparer.Ordinal).ThenBy(group => group.Key.Beta)
            .ThenBy(group => group.Key.Steps).ThenBy(group => mapOrder.IndexOf(group.Key.Map))
            .Select(group => Aggregate(group.OrderBy(cell => cell.Seed).ToList()))
            .ToList();
        return new RetrievalTable(scenario, rows);
    }

    private static RetrievalRow Aggregate(List<RetrievalCell> cells)
    {
        var first = cells[0];
        FigureStatistics Of(Func<RetrievalCell, double> value) => FigureStatistics.Of(cells.Select(cell => new SeedValue(cell.Seed, value(cell))).ToList());
        var figures = new Dictionary<string, FigureStatistics>
        {
            [Exact] = Of(cell => cell.Exact),
            [Success] = Of(cell => cell.Success),
            [Support] = Of(cell => cell.Support),
            [SupportAbove001] = Of(cell => cell.SupportAbove001),
            [StepsTaken] = Of(cell => cell.StepsTaken),
            // Per batch of the run's size (smaller when N is smaller than the batch), as the reference timings are.
            [MillisecondsPerBatch] = Of(cell => 1000 * cell.RecallSeconds / Math.Ceiling((double)cell.Queries / cell.Batch)),
            [QueriesPerSecond] = Of(cell => cell.RecallSeconds > 0 ? cell.Queries / cell.RecallSeconds : double.NaN),
        };
        return new RetrievalRow(first.Memories, first.Corruption, first.Map, first.Post, first.Beta, first.Steps,
            cells.Select(cell => (long)cell.Seed).ToList(), figures);
    }
}
