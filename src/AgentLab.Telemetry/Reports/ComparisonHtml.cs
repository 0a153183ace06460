using System.Text;
using AgentLab.Telemetry.Plotting;

namespace AgentLab.Telemetry.Reports;

/// <summary>
/// <c>report.html</c>: one self-contained page — the table and the three plots as inline SVG, the
/// styles inline, no script and no external resource — so it can be mailed, archived or opened
/// offline and show the same thing years later. Written as well-formed XHTML-style markup.
/// </summary>
internal static class ComparisonHtml
{
    private const string Style =
        "body{font-family:sans-serif;margin:2em;color:#222;max-width:80em}" +
        "table{border-collapse:collapse;margin:1em 0}" +
        "th,td{border:1px solid #ccc;padding:4px 8px;text-align:right;white-space:nowrap}" +
        "th:first-child,td:first-child{text-align:left}" +
        "th{background:#f4f4f4}" +
        "figure{margin:2em 0}" +
        "figcaption{color:#555;font-size:90%;max-width:60em}";

    public static string Render(ComparisonTable table)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        html.Append("<title>AgentLab comparison: ").Append(E(table.Scenario)).Append("</title>\n");
        html.Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>Comparison: ").Append(E(table.Scenario)).Append("</h1>\n");
        html.Append("<p>").Append(E(ComparisonCells.StatisticExplanation)).Append("</p>\n");
        AppendTable(html, table);
        AppendFigure(html, ComparisonPlots.Success(table),
            "Fraction of training games won in each logging interval, averaged over seeds at each step; dashed: validation success where the runs evaluated.");
        AppendFigure(html, ComparisonPlots.ReceiverCalls(table),
            "Receiver evaluations per game, averaged over seeds at each step (log scale).");
        AppendFigure(html, ComparisonPlots.SuccessVersusNonzeros(table),
            "One point per method: mean test success against mean non-zero message coordinates; bars are ± one standard error over seeds.");
        html.Append("</body>\n</html>\n");
        return html.ToString();
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

    private static void AppendFigure(StringBuilder html, SvgPlot plot, string caption)
    {
        html.Append("<h2>").Append(E(plot.Title)).Append("</h2>\n<figure>\n");
        html.Append(plot.ToSvg());
        html.Append("<figcaption>").Append(E(caption)).Append("</figcaption>\n</figure>\n");
    }

    private static string E(string text) => SvgWriter.Escape(text);
}
