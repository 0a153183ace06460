using System.Text;

namespace AgentLab.Telemetry.Reports;

/// <summary>
/// <c>report.html</c>: one self-contained page (<see cref="HtmlPage"/>) with the table and the three plots.
/// Written as well-formed XHTML-style markup.
/// </summary>
internal static class ComparisonHtml
{
    public static string Render(ComparisonTable table)
    {
        var html = HtmlPage.Begin("Comparison: " + table.Scenario);
        html.Append("<p>").Append(E(ComparisonCells.StatisticExplanation)).Append("</p>\n");
        AppendTable(html, table);
        HtmlPage.AppendFigure(html, ComparisonPlots.Success(table),
            "Fraction of training games won in each logging interval, averaged over seeds at each step; dashed: validation success where the runs evaluated.");
        HtmlPage.AppendFigure(html, ComparisonPlots.ReceiverCalls(table),
            "Receiver evaluations per game, averaged over seeds at each step (log scale).");
        HtmlPage.AppendFigure(html, ComparisonPlots.SuccessVersusNonzeros(table),
            "One point per method: mean test success against mean non-zero message coordinates; bars are ± one standard error over seeds.");
        return HtmlPage.End(html);
    }

    private static void AppendTable(StringBuilder html, ComparisonTable table)
    {
        html.Append("<table>\n<thead><tr><th>method</th><th>n</th>");
        foreach (string figure in table.FigureNames) html.Append("<th>").Append(E(figure)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var method in table.Methods)
        {
            html.Append("<tr><td>").Append(E(method.Method)).Append("</td><td>").Append(method.SeedCount).Append("</td>");
            foreach (string figure in table.FigureNames) html.Append("<td>").Append(E(ComparisonCells.Format(method, figure))).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static string E(string text) => HtmlPage.E(text);
}
