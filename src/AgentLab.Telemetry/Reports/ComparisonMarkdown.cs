using System.Text;

namespace AgentLab.Telemetry.Reports;

/// <summary><c>comparison.md</c>: the table, one row per method, for reading in a terminal or a pull request.</summary>
internal static class ComparisonMarkdown
{
    public static string Render(ComparisonTable table)
    {
        var text = new StringBuilder();
        text.Append("# Comparison: ").Append(Escape(table.Scenario)).Append("\n\n");
        text.Append(ComparisonCells.StatisticExplanation).Append("\n\n");
        if (table.Layout.Reading is { } reading) text.Append(reading).Append("\n\n");
        text.Append("| method | n | ").Append(string.Join(" | ", table.FigureNames)).Append(" |\n");
        text.Append("|---|---:|").Append(string.Concat(table.FigureNames.Select(_ => "---:|"))).Append('\n');
        foreach (var method in table.Methods)
        {
            text.Append("| ").Append(Escape(method.Method)).Append(" | ").Append(method.SeedCount).Append(" | ");
            text.Append(string.Join(" | ", table.FigureNames.Select(figure => ComparisonCells.Format(method, figure))));
            text.Append(" |\n");
        }
        return text.ToString();
    }

    /// <summary>A '|' in a name would end the cell early.</summary>
    private static string Escape(string text) => text.Replace("|", "\\|");
}
