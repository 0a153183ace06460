using AgentLab.Telemetry.Plotting;

namespace AgentLab.Telemetry.Reports;

/// <summary>The plots of a report, as the table's layout describes them. A method has the same colour in each (its table position).</summary>
internal static class ComparisonPlots
{
    /// <summary>A metrics figure per logging interval, averaged over seeds; its validation counterpart dashed where logged.</summary>
    public static SvgPlot Curve(ComparisonTable table, TrainingCurve curve)
    {
        var plot = new SvgPlot(curve.Title, "step", curve.YLabel) { YRange = curve.YRange, YScale = curve.YScale };
        foreach (var (method, index) in table.Methods.Select((method, index) => (method, index)))
        {
            var color = Palette.Color(index);
            plot.Add(new LineSeries(method.Method, SeedAveragedCurve.Of(Series(method), curve.Value), color));
            if (curve.Validation is not { } validationValue) continue;
            var validation = SeedAveragedCurve.Of(Series(method), validationValue);
            if (validation.Count > 0) plot.Add(new LineSeries(method.Method + " (validation)", validation, color, Dashed: true));
        }
        return plot;
    }

    /// <summary>
    /// The trade-off at a glance, one point per method with standard-error bars both ways. The x axis turns
    /// logarithmic when the x values span ten-fold or more. A method lacking either figure is left out.
    /// </summary>
    public static SvgPlot TradeOff(ComparisonTable table)
    {
        var tradeOff = table.Layout.TradeOff;
        var points = table.Methods
            .Select((method, index) => (method, index))
            .Where(entry => entry.method.Figures.ContainsKey(tradeOff.XFigure) && entry.method.Figures.ContainsKey(tradeOff.YFigure))
            .Select(entry => new ErrorBarPoint(
                entry.method.Method,
                Mean(entry.method, tradeOff.XFigure), Mean(entry.method, tradeOff.YFigure),
                Error(entry.method, tradeOff.XFigure), Error(entry.method, tradeOff.YFigure),
                Palette.Color(entry.index))).ToList();
        var xs = points.Select(point => point.X).Where(double.IsFinite).ToList();
        bool spansDecade = xs.Count > 0 && xs.Min() > 0 && xs.Max() / xs.Min() >= 10;
        var plot = new SvgPlot(tradeOff.Title, tradeOff.XLabel, tradeOff.YLabel)
        {
            XScale = spansDecade ? ScaleKind.Log : ScaleKind.Linear,
            YRange = tradeOff.YRange,
        };
        foreach (var point in points) plot.Add(point);
        return plot;
    }

    private static IEnumerable<IReadOnlyList<Runs.MetricsPoint>> Series(MethodComparison method) => method.Runs.Select(run => run.Metrics);

    private static double Mean(MethodComparison method, string figure) => method.Figures[figure].Mean;

    private static double Error(MethodComparison method, string figure) => method.Figures[figure].StandardError;
}
