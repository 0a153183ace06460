using AgentLab.Telemetry.Formatting;

namespace AgentLab.Telemetry.Reports;

/// <summary>The text of one table cell, the same in the Markdown and the HTML table.</summary>
internal static class ComparisonCells
{
    public const string Missing = "—";

    /// <summary>
    /// "mean ± stderr"; "—" when the method lacks the figure; with "(n=k)" appended when only some
    /// of the method's seeds have it, since the error then rests on fewer seeds than the row says.
    /// </summary>
    public static string Format(MethodComparison method, string figure)
    {
        if (!method.Figures.TryGetValue(figure, out var statistics)) return Missing;
        string text = Format(statistics);
        return statistics.Count == method.SeedCount ? text : $"{text} (n={statistics.Count})";
    }

    /// <summary>"mean ± stderr", four significant digits each.</summary>
    public static string Format(FigureStatistics statistics) =>
        $"{NumberText.Readable(statistics.Mean)} ± {NumberText.Readable(statistics.StandardError)}";

    public const string StatisticExplanation =
        "Each cell is the mean ± standard error over seeds (sample standard deviation / √n; 0 when n = 1).";
}
