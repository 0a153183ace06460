using AgentLab.Telemetry.Formatting;

namespace AgentLab.Telemetry.Plotting;

/// <summary>
/// A chart as a standalone SVG document: line series and points with error bars over two axes
/// (linear or log), with ticks, grid, axis labels, a title and a legend. Meant to be inlined in
/// an HTML report, so it uses no scripts, no external fonts or styles, and no element ids (two
/// plots on one page cannot clash). Never throws on odd data: NaN, infinite and (on log axes)
/// non-positive values are skipped, a lone point is drawn as a dot, and an empty plot says so.
/// </summary>
public sealed class SvgPlot
{
    private const double MarginLeft = 72, MarginTop = 36, MarginBottom = 52, LegendWidth = 210, Gap = 16;
    private const int LegendNameLength = 30;
    private const int MaxPointsWithMarkers = 30;

    private readonly List<LineSeries> _lines = [];
    private readonly List<ErrorBarPoint> _points = [];

    public SvgPlot(string title, string xLabel, string yLabel)
    {
        Title = title;
        XLabel = xLabel;
        YLabel = yLabel;
    }

    public string Title { get; }

    public string XLabel { get; }

    public string YLabel { get; }

    public ScaleKind XScale { get; init; } = ScaleKind.Linear;

    public ScaleKind YScale { get; init; } = ScaleKind.Linear;

    /// <summary>A range the x axis shows even if the data do not reach it (widened if they go beyond).</summary>
    public AxisRange? XRange { get; init; }

    /// <summary>A range the y axis shows even if the data do not reach it, e.g. [0, 1] for a success rate.</summary>
    public AxisRange? YRange { get; init; }

    public int Width { get; init; } = 760;

    public int Height { get; init; } = 400;

    public void Add(LineSeries series) => _lines.Add(series ?? throw new ArgumentNullException(nameof(series)));

    public void Add(ErrorBarPoint point) => _points.Add(point ?? throw new ArgumentNullException(nameof(point)));

    public string ToSvg()
    {
        var x = AxisScale.Fit(XScale, XValues(), XRange);
        var y = AxisScale.Fit(YScale, YValues(), YRange);
        var frame = new PlotFrame(MarginLeft, MarginTop, Width - MarginLeft - LegendWidth - Gap, Height - MarginTop - MarginBottom, x, y);
        var svg = new SvgWriter();

        svg.Raw($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" " +
                $"font-family=\"sans-serif\" role=\"img\" aria-label=\"{SvgWriter.Escape(Title)}\">");
        svg.Raw($"<title>{SvgWriter.Escape(Title)}</title>");
        svg.Rect(0, 0, Width, Height, "white");
        DrawAxes(svg, frame);
        bool drewSomething = false;
        foreach (var series in _lines) drewSomething |= DrawLine(svg, frame, series);
        foreach (var point in _points) drewSomething |= DrawErrorBarPoint(svg, frame, point);
        if (!drewSomething) svg.Text(frame.Left + frame.Width / 2, frame.Top + frame.Height / 2, "no data", "middle", 14);
        svg.Rect(frame.Left, frame.Top, frame.Width, frame.Height, "none", "#333333");
        svg.Text(Width / 2.0, 22, Title, "middle", 15, bold: true);
        svg.Text(frame.Left + frame.Width / 2, Height - 12, XLabel + ScaleNote(XScale), "middle", 13);
        svg.Text(18, frame.Top + frame.Height / 2, YLabel + ScaleNote(YScale), "middle", 13, rotate: -90);
        DrawLegend(svg, frame);
        svg.Raw("</svg>");
        return svg.ToString();
    }

    private IEnumerable<double> XValues() =>
        _lines.SelectMany(s => s.Points.Select(p => p.X)).Concat(_points.SelectMany(p => Extent(p.X, p.XError)));

    private IEnumerable<double> YValues() =>
        _lines.SelectMany(s => s.Points.Select(p => p.Y)).Concat(_points.SelectMany(p => Extent(p.Y, p.YError)));

    /// <summary>The centre and both ends of an error bar, so the axes leave room for the bars.</summary>
    private static IEnumerable<double> Extent(double value, double error) =>
        double.IsFinite(error) && error > 0 ? [value, value - error, value + error] : [value];

    private static string ScaleNote(ScaleKind kind) => kind == ScaleKind.Log ? " (log scale)" : "";

    private static void DrawAxes(SvgWriter svg, PlotFrame frame)
    {
        foreach (double tick in frame.X.Ticks)
        {
            double px = frame.PixelX(tick);
            svg.Line(px, frame.Top, px, frame.Bottom, "#e5e5e5");
            svg.Line(px, frame.Bottom, px, frame.Bottom + 5, "#333333");
            svg.Text(px, frame.Bottom + 18, NumberText.Readable(tick), "middle", 11);
        }
        foreach (double tick in frame.Y.Ticks)
        {
            double py = frame.PixelY(tick);
            svg.Line(frame.Left, py, frame.Right, py, "#e5e5e5");
            svg.Line(frame.Left - 5, py, frame.Left, py, "#333333");
            svg.Text(frame.Left - 8, py + 4, NumberText.Readable(tick), "end", 11);
        }
    }

    /// <summary>Draws the runs of consecutive showable points; a run of one point becomes a dot.</summary>
    private static bool DrawLine(SvgWriter svg, PlotFrame frame, LineSeries series)
    {
        bool markers = series.Points.Count <= MaxPointsWithMarkers;
        bool drew = false;
        var run = new List<(double X, double Y)>();
        foreach (var point in series.Points.Append(new PlotPoint(double.NaN, double.NaN)))
        {
            if (frame.X.CanShow(point.X) && frame.Y.CanShow(point.Y))
            {
                run.Add((frame.PixelX(point.X), frame.PixelY(point.Y)));
                continue;
            }
            if (run.Count > 1) svg.Polyline(run, series.Color, series.Dashed);
            if (run.Count == 1 || markers) foreach (var (px, py) in run) svg.Circle(px, py, 3, series.Color);
            drew |= run.Count > 0;
            run.Clear();
        }
        return drew;
    }

    private static bool DrawErrorBarPoint(SvgWriter svg, PlotFrame frame, ErrorBarPoint point)
    {
        if (!frame.X.CanShow(point.X) || !frame.Y.CanShow(point.Y)) return false;
        double px = frame.PixelX(point.X), py = frame.PixelY(point.Y);
        const double cap = 4;
        if (double.IsFinite(point.XError) && point.XError > 0)
        {
            double left = frame.ClampedPixelX(point.X - point.XError), right = frame.ClampedPixelX(point.X + point.XError);
            svg.Line(left, py, right, py, point.Color, 1.5);
            svg.Line(left, py - cap, left, py + cap, point.Color, 1.5);
            svg.Line(right, py - cap, right, py + cap, point.Color, 1.5);
        }
        if (double.IsFinite(point.YError) && point.YError > 0)
        {
            double low = frame.ClampedPixelY(point.Y - point.YError), high = frame.ClampedPixelY(point.Y + point.YError);
            svg.Line(px, low, px, high, point.Color, 1.5);
            svg.Line(px - cap, low, px + cap, low, point.Color, 1.5);
            svg.Line(px - cap, high, px + cap, high, point.Color, 1.5);
        }
        svg.Circle(px, py, 5, point.Color);
        return true;
    }

    private void DrawLegend(SvgWriter svg, PlotFrame frame)
    {
        double left = frame.Right + Gap, top = frame.Top + 8;
        int row = 0;
        foreach (var series in _lines)
        {
            double y = top + row++ * 18;
            svg.Line(left, y, left + 24, y, series.Color, 2, series.Dashed);
            svg.Text(left + 30, y + 4, Shorten(series.Name), size: 12);
        }
        foreach (var point in _points)
        {
            double y = top + row++ * 18;
            svg.Circle(left + 12, y, 5, point.Color);
            svg.Text(left + 30, y + 4, Shorten(point.Name), size: 12);
        }
    }

    /// <summary>Long names would run off the picture; the full name is in the report's table anyway.</summary>
    private static string Shorten(string name) => name.Length <= LegendNameLength ? name : name[..(LegendNameLength - 1)] + "…";
}
