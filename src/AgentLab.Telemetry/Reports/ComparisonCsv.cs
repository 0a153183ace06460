using System.Text;
using AgentLab.Telemetry.Formatting;

namespace AgentLab.Telemetry.Reports;

/// <summary>
/// <c>comparison.csv</c> in long form, for spreadsheets and data frames: header
/// <c>method,figure,mean,stderr,n</c>, then one row per method and figure the method has, methods
/// in table order and figures in column order. Numbers are exact (shortest round-trip form,
/// invariant culture; NaN as <c>NaN</c>); fields are quoted as RFC 4180 says when needed. Long
/// form because the set of figures varies with the methods' extras, and a fixed five columns is
/// simpler to load than a header that changes.
/// </summary>
internal static class ComparisonCsv
{
    public const string Header = "method,figure,mean,stderr,n";

    public static string Render(ComparisonTable table)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var method in table.Methods)
        foreach (string figure in table.FigureNames)
        {
            if (!method.Figures.TryGetValue(figure, out var statistics)) continue;
            text.Append(Field(method.Method)).Append(',').Append(Field(figure)).Append(',');
            AppendStatistics(text, statistics);
        }
        return text.ToString();
    }

    /// <summary>The last three fields of a row, <c>mean,stderr,n</c>, and the line break.</summary>
    public static void AppendStatistics(StringBuilder text, FigureStatistics statistics) =>
        text.Append(NumberText.Exact(statistics.Mean)).Append(',')
            .Append(NumberText.Exact(statistics.StandardError)).Append(',')
            .Append(statistics.Count).Append('\n');

    /// <summary>A field quoted as RFC 4180 says when it holds a comma, a quote or a line break.</summary>
    public static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
