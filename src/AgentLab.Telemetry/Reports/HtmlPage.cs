using System.Text;
using AgentLab.Telemetry.Plotting;

namespace AgentLab.Telemetry.Reports;

/// <summary>
/// The frame every report page shares: self-contained (styles inline, plots as inline SVG, no script and no
/// external resource), so it can be mailed, archived or opened offline and show the same thing years later.
/// </summary>
internal static class HtmlPage
{
    private const string Style =
        "body{font-family:sans-serif;margin:2em;color:#222;max-width:80em}" +
        "table{border-collapse:collapse;margin:1em 0}" +
        "th,td{border:1px solid #ccc;padding:4px 8px;text-align:right;white-space:nowrap}" +
        "th:first-child,td:first-child{text-align:left}" +
        "th{background:#f4f4f4}" +
        "figure{margin:2em 0}" +
        "figcaption{color:#555;font-size:90%;max-width:60em}";

    /// <summary>The head and the page's first heading.</summary>
    public static StringBuilder Begin(string title)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        html.Append("<title>AgentLab ").Append(E(title)).Append("</title>\n");
        html.Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(title)).Append("</h1>\n");
        return html;
    }

    public static string End(StringBuilder html) => html.Append("</body>\n</html>\n").ToString();

    public static void AppendFigure(StringBuilder html, SvgPlot plot, string caption)
    {
        html.Append("<h2>").Append(E(plot.Title)).Append("</h2>\n<figure>\n");
        html.Append(plot.ToSvg());
        html.Append("<figcaption>").Append(E(caption)).Append("</figcaption>\n</figure>\n");
    }

    public static string E(string text) => SvgWriter.Escape(text);
}
