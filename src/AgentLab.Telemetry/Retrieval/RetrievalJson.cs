using System.Text.Json;
using AgentLab.Telemetry.Reports;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Telemetry.Retrieval;

/// <summary>
/// <c>retrieval.json</c>: every row with its figures and the per-seed values behind them:
/// <c>{ scenario, statistic, figures: [names], rows: [{ memories, corruption, map, post, beta, steps, seeds,
/// figures: { name: { mean, stderr, n, values: [{ seed, value }] } } }] }</c>.
/// </summary>
internal static class RetrievalJson
{
    private sealed record Document(string Scenario, string Statistic, IReadOnlyList<string> Figures, IReadOnlyList<RowEntry> Rows);

    private sealed record RowEntry(int Memories, string Corruption, string Map, string Post, double Beta, int Steps,
        IReadOnlyList<long> Seeds, IReadOnlyDictionary<string, ComparisonJson.FigureEntry> Figures);

    public static string Render(RetrievalTable table)
    {
        var rows = table.Rows.Select(row => new RowEntry(row.Memories, row.Corruption, row.Map, row.Post, row.Beta, row.Steps, row.Seeds,
            RetrievalTable.FigureNames.ToDictionary(name => name, name => ComparisonJson.ToEntry(row.Figures[name])))).ToList();
        return JsonSerializer.Serialize(new Document(table.Scenario, RetrievalText.Explanation, RetrievalTable.FigureNames, rows), TelemetryJson.IndentedOptions) + "\n";
    }
}
