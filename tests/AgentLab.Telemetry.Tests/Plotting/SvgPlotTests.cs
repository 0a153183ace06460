using System.Xml.Linq;
using AgentLab.Telemetry.Plotting;

namespace AgentLab.Telemetry.Tests.Plotting;

public sealed class SvgPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void LineChart_IsWellFormedSvg_WithTitleLabelsLegendAndOneLinePerSeries()
    {
        var plot = new SvgPlot("Success", "step", "success") { YRange = new AxisRange(0, 1) };
        plot.Add(new LineSeries("sfe", [new(0, 0.1), new(100, 0.5), new(200, 0.7)], Palette.Color(0)));
        plot.Add(new LineSeries("gumbel (validation)", [new(0, 0.2), new(200, 0.6)], Palette.Color(1), Dashed: true));

        var root = XElement.Parse(plot.ToSvg());

        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("Success", root.Element(Svg + "title")!.Value);
        var texts = root.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("sfe", texts);
        Assert.Contains("gumbel (validation)", texts);
        Assert.Contains("step", texts);
        Assert.Contains("0.6", texts);
        var lines = root.Descendants(Svg + "polyline").ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("6 4", (string?)lines[1].Attribute("stroke-dasharray"));
        Assert.Empty(root.Descendants(Svg + "script"));
    }

    [Fact]
    public void NaNBreaksTheLine_AndALonePointBecomesADot()
    {
        var points = Enumerable.Range(0, 40).Select(i => new PlotPoint(i, i == 20 ? double.NaN : i * 0.01)).ToList();
        var plot = new SvgPlot("t", "x", "y");
        plot.Add(new LineSeries("gappy", points, Palette.Color(0)));
        plot.Add(new LineSeries("lonely", [new(5, 0.3)], Palette.Color(1)));
        plot.Add(new LineSeries("hopeless", [new(double.NaN, double.NaN)], Palette.Color(2)));
        plot.Add(new LineSeries("empty", [], Palette.Color(3)));

        var root = XElement.Parse(plot.ToSvg());

        Assert.Equal(2, root.Descendants(Svg + "polyline").Count());
        Assert.Single(root.Descendants(Svg + "circle"));
        Assert.DoesNotContain("NaN", root.ToString());
    }

    [Fact]
    public void EmptyPlot_SaysSo()
    {
        var root = XElement.Parse(new SvgPlot("Nothing", "x", "y") { YScale = ScaleKind.Log }.ToSvg());

        Assert.Contains("no data", root.Descendants(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void LogAxis_SkipsNonPositiveValues_AndLabelsTheScale()
    {
        var plot = new SvgPlot("Receiver calls", "step", "calls") { YScale = ScaleKind.Log };
        plot.Add(new LineSeries("dense", [new(0, 256), new(10, 256)], Palette.Color(0)));
        plot.Add(new LineSeries("sparse", [new(0, 0), new(5, 2), new(10, 1.5)], Palette.Color(1)));

        var root = XElement.Parse(plot.ToSvg());

        var texts = root.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("calls (log scale)", texts);
        Assert.Contains("1000", texts);
        Assert.Equal(2, root.Descendants(Svg + "polyline").Count());
    }

    [Fact]
    public void ErrorBarPoints_DrawBarsWithCaps_EvenWhenABarReachesBelowALogAxis()
    {
        var plot = new SvgPlot("Success vs nonzeros", "nonzeros", "test success") { XScale = ScaleKind.Log };
        plot.Add(new ErrorBarPoint("dense-marg", 256, 0.9, 0, 0.02, Palette.Color(0)));
        plot.Add(new ErrorBarPoint("sparsemax-marg", 1.5, 0.88, 2.0, 0.01, Palette.Color(1)));
        plot.Add(new ErrorBarPoint("single-seed", 3, 0.5, double.NaN, 0, Palette.Color(2)));

        var root = XElement.Parse(plot.ToSvg());

        Assert.Equal(3 + 3, root.Descendants(Svg + "circle").Count()); // markers plus legend dots
        // dense: y bar + 2 caps; sparsemax: x bar + 2 caps and y bar + 2 caps; single-seed: none.
        int barLines = root.Descendants(Svg + "line").Count(l => (string?)l.Attribute("stroke-width") == "1.5");
        Assert.Equal(9, barLines);
    }

    [Fact]
    public void Names_AreEscaped()
    {
        var plot = new SvgPlot("a < b & \"c\"", "x", "y");
        plot.Add(new LineSeries("<script>", [new(0, 0), new(1, 1)], Palette.Color(0)));

        var root = XElement.Parse(plot.ToSvg());

        Assert.Equal("a < b & \"c\"", root.Element(Svg + "title")!.Value);
        Assert.Contains("<script>", root.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Empty(root.Descendants(Svg + "script"));
    }
}
