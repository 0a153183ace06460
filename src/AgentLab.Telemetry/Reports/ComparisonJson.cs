using System.Text.Json;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Telemetry.Reports;

/// <summary>
/// <c>comparison.json</c>, everything the table shows plus the per-seed values behind it:
/// <c>{ scenario, statistic, figures: [names], methods: [{ method, seeds: [..], figures: { name:
/// { mean, stderr, n, values: [{ seed, value }] } } }] }</c>. Written with
/// <see cref="TelemetryJson"/>'s options, so doubles round-trip and NaN is <c>"NaN"</c>.
/// </summary>
internal static class ComparisonJson
{
    private sealed record Document(string Scenario, string Statistic, IReadOnlyList<string> Figures, IReadOnlyList<MethodEntry> Methods);

    private sealed record MethodEntry(string Method, IReadOnlyList<long> Seeds, IReadOnlyDictionary<string, FigureEntry> Figures);

    /// <summary>One figure as JSON: mean, standard error, n and the per-seed values (also used by the retrieval report).</summary>
    internal sealed record FigureEntry(double Mean, double Stderr, int N, IReadOnlyList<SeedValue> Values);

    public static string Render(ComparisonTable table)
    {
        var document = new Document(
            table.Scenario,
            ComparisonCells.StatisticExplanation,
            table.FigureNames,
            table.Methods.Select(method => new MethodEntry(
                method.Method,
                method.Seeds,
                table.FigureNames
                    .Where(method.Figures.ContainsKey)
                    .ToDictionary(name => name, name => ToEntry(method.Figures[name]))))
            .ToList());
        return JsonSerializer.Serialize(document, TelemetryJson.IndentedOptions) + "\n";
    }

    internal static FigureEntry ToEntry(FigureStatistics statistics) =>
        new(statistics.Mean, statistics.StandardError, statistics.Count, statistics.Values);
}
