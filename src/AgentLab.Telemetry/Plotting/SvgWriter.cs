using System.Text;
using AgentLab.Telemetry.Formatting;

namespace AgentLab.Telemetry.Plotting;

/// <summary>
/// Writes SVG elements as text, escaping every piece of text and attribute value, so a method
/// called <c>a&lt;b&amp;c</c> cannot break the document.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _text = new();

    public static string Escape(string text) => text
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&apos;");

    public void Raw(string markup) => _text.Append(markup).Append('\n');

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, bool dashed = false) =>
        Raw($"<line x1=\"{P(x1)}\" y1=\"{P(y1)}\" x2=\"{P(x2)}\" y2=\"{P(y2)}\" stroke=\"{Escape(stroke)}\" stroke-width=\"{P(width)}\"{Dash(dashed)}/>");

    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, bool dashed)
    {
        string coordinates = string.Join(" ", points.Select(p => $"{P(p.X)},{P(p.Y)}"));
        Raw($"<polyline points=\"{coordinates}\" fill=\"none\" stroke=\"{Escape(stroke)}\" stroke-width=\"2\" stroke-linejoin=\"round\"{Dash(dashed)}/>");
    }

    public void Circle(double x, double y, double radius, string fill) =>
        Raw($"<circle cx=\"{P(x)}\" cy=\"{P(y)}\" r=\"{P(radius)}\" fill=\"{Escape(fill)}\"/>");

    public void Rect(double x, double y, double width, double height, string fill, string? stroke = null) =>
        Raw($"<rect x=\"{P(x)}\" y=\"{P(y)}\" width=\"{P(width)}\" height=\"{P(height)}\" fill=\"{Escape(fill)}\"" +
            (stroke is null ? "" : $" stroke=\"{Escape(stroke)}\"") + "/>");

    /// <summary>Text anchored at (x, y); <paramref name="anchor"/> is start, middle or end; <paramref name="rotate"/> in degrees about the anchor.</summary>
    public void Text(double x, double y, string text, string anchor = "start", int size = 12, double rotate = 0, bool bold = false)
    {
        string transform = rotate == 0 ? "" : $" transform=\"rotate({P(rotate)} {P(x)} {P(y)})\"";
        string weight = bold ? " font-weight=\"bold\"" : "";
        Raw($"<text x=\"{P(x)}\" y=\"{P(y)}\" text-anchor=\"{anchor}\" font-size=\"{size}\"{weight}{transform}>{Escape(text)}</text>");
    }

    public override string ToString() => _text.ToString();

    private static string P(double value) => NumberText.Pixel(value);

    private static string Dash(bool dashed) => dashed ? " stroke-dasharray=\"6 4\"" : "";
}
