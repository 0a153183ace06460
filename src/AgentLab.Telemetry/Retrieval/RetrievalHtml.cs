using System.Text;
using AgentLab.Telemetry.Reports;

namespace AgentLab.Telemetry.Retrieval;

/// <summary><c>report.html</c> of a retrieval run: the table and the plots on one self-contained page.</summary>
internal static class RetrievalHtml
{
    public static string Render(RetrievalTable table)
    {
        var html = HtmlPage.Begin("Hopfield retrieval: " + table.Scenario);
        html.Append("<p>").Append(HtmlPage.E(RetrievalText.Explanation)).Append("</p>\n");
        AppendTable(html, table);
        foreach (var plot in RetrievalPlots.ExactVersusMemories(table))
            HtmlPage.AppendFigure(html, plot, "Exact-retrieval rate (cosine > 0.99 to the right memory), mean over seeds; solid: fewest update steps, dashed: more steps.");
        HtmlPage.AppendFigure(html, RetrievalPlots.TimeVersusMemories(table),
            "Wall time of one recall batch, mean over seeds, averaged over the corruptions and (post, beta) settings (log scales).");
        return HtmlPage.End(html);
    }

    private static void AppendTable(StringBuilder html, RetrievalTable table)
    {
        html.Append("<table>\n<thead><tr>");
        foreach (string column in RetrievalText.SettingColumns.Concat(RetrievalTable.FigureNames))
            html.Append("<th>").Append(HtmlPage.E(column)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (string cell in RetrievalText.Settings(row).Concat(RetrievalText.Figures(row)))
                html.Append("<td>").Append(HtmlPage.E(cell)).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }
}
