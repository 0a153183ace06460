using System.Text;

namespace AgentLab.Telemetry.Retrieval;

/// <summary><c>retrieval.md</c>: the table, one row per setting, for reading in a terminal or a pull request.</summary>
internal static class RetrievalMarkdown
{
    public static string Render(RetrievalTable table)
    {
        var columns = RetrievalText.SettingColumns.Concat(RetrievalTable.FigureNames).ToList();
        var text = new StringBuilder();
        text.Append("# Hopfield retrieval: ").Append(table.Scenario).Append("\n\n");
        text.Append(RetrievalText.Explanation).Append("\n\n");
        text.Append("| ").Append(string.Join(" | ", columns)).Append(" |\n");
        text.Append('|').Append(string.Concat(columns.Select((_, i) => i is >= 1 and <= 3 ? "---|" : "---:|"))).Append('\n');
        foreach (var row in table.Rows)
            text.Append("| ").Append(string.Join(" | ", RetrievalText.Settings(row).Concat(RetrievalText.Figures(row)))).Append(" |\n");
        return text.ToString();
    }
}
