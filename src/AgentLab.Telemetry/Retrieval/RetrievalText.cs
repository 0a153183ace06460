using System.Globalization;
using AgentLab.Telemetry.Reports;

namespace AgentLab.Telemetry.Retrieval;

/// <summary>The setting columns of a retrieval row and its cells, the same in the Markdown and the HTML table.</summary>
internal static class RetrievalText
{
    public static readonly string[] SettingColumns = ["N", "corruption", "map", "post", "beta", "steps", "n"];

    public const string Explanation =
        "exact: fraction of queries whose retrieved state has cosine > 0.99 to its own (post-transformed) memory; success: cosine > 0.9; " +
        "support: memories with non-zero weight in the last step; steps_taken: update steps the recall ran; " +
        "ms_per_batch and queries_per_s: wall time of the recall batches. " + ComparisonCells.StatisticExplanation;

    public static IEnumerable<string> Settings(RetrievalRow row) =>
    [
        row.Memories.ToString(CultureInfo.InvariantCulture), row.Corruption, row.Map, row.Post,
        row.Beta.ToString(CultureInfo.InvariantCulture), row.Steps.ToString(CultureInfo.InvariantCulture),
        row.Seeds.Count.ToString(CultureInfo.InvariantCulture),
    ];

    public static IEnumerable<string> Figures(RetrievalRow row) =>
        RetrievalTable.FigureNames.Select(name => ComparisonCells.Format(row.Figures[name]));
}
