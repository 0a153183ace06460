using System.Text;

namespace AgentLab.Telemetry.Reports;

/// <summary>
/// <c>report.html</c>: one self-contained page (<see cref="HtmlPage"/>) with the table, the training curves and the trade-off plot.
/// Written as well-formed XHTML-style markup.
/// </summary>
internal static class ComparisonHtml
{
    public static string Render(ComparisonTable table)
    {
        var html = HtmlPage.Begin("Comparison: " + table.Scenario);
        html.Append("<p>").Append(E(ComparisonCells.StatisticExplanation)).Append("</p>\n");
        if (table.Layout.Reading is { } reading) html.Append("<p>").Append(E(reading)).Append("</p>\n");
        AppendTable(html, table);
        foreach (var curve in table.Layout.Curves) HtmlPage.AppendFigure(html, ComparisonPlots.Curve(table, curve), curve.Caption);
        HtmlPage.AppendFigure(html, ComparisonPlots.TradeOff(table), table.Layout.TradeOff.Caption);
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
