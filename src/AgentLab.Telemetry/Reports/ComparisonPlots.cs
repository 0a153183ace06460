using AgentLab.Telemetry.Plotting;

namespace AgentLab.Telemetry.Reports;

/// <summary>The three plots of a report. A method has the same colour in each (its table position).</summary>
internal static class ComparisonPlots
{
    /// <summary>Training success per logging interval, averaged over seeds; validation success dashed where logged.</summary>
    public static SvgPlot Success(ComparisonTable table)
    {
        var plot = new SvgPlot("Success during training (mean over seeds)", "step", "success") { YRange = new AxisRange(0, 1) };
        foreach (var (method, index) in table.Methods.Select((method, index) => (method, index)))
        {
            var color = Palette.Color(index);
            plot.Add(new LineSeries(method.Method, SeedAveragedCurve.Of(Series(method), point => point.Success), color));
            var validation = SeedAveragedCurve.Of(Series(method), point => point.ValidationSuccess);
            if (validation.Count > 0) plot.Add(new LineSeries(method.Method + " (validation)", validation, color, Dashed: true));
        }
        return plot;
    }

    /// <summary>Receiver calls per game on a log axis: dense marginalisation's 256 and a sparse method's 1–3 both stay readable.</summary>
    public static SvgPlot ReceiverCalls(ComparisonTable table)
    {
        var plot = new SvgPlot("Receiver calls per game (mean over seeds)", "step", "receiver calls") { YScale = ScaleKind.Log };
        foreach (var (method, index) in table.Methods.Select((method, index) => (method, index)))
            plot.Add(new LineSeries(method.Method, SeedAveragedCurve.Of(Series(method), point => point.ReceiverCalls), Palette.Color(index)));
        return plot;
    }

    /// <summary>
    /// The trade-off at a glance: test success against message density, one point per method with
    /// standard-error bars both ways. The x axis turns logarithmic when the densities span ten-fold or more.
    /// </summary>
    public static SvgPlot SuccessVersusNonzeros(ComparisonTable table)
    {
        var points = table.Methods.Select((method, index) => new ErrorBarPoint(
            method.Method,
            Mean(method, SummaryFigures.MeanNonzeros), Mean(method, SummaryFigures.TestSuccess),
            Error(method, SummaryFigures.MeanNonzeros), Error(method, SummaryFigures.TestSuccess),
            Palette.Color(index))).ToList();
        var densities = points.Select(point => point.X).Where(double.IsFinite).ToList();
        bool spansDecade = densities.Count > 0 && densities.Min() > 0 && densities.Max() / densities.Min() >= 10;
        var plot = new SvgPlot("Test success vs message density", "mean nonzeros", "test success")
        {
            XScale = spansDecade ? ScaleKind.Log : ScaleKind.Linear,
            YRange = new AxisRange(0, 1),
        };
        foreach (var point in points) plot.Add(point);
        return plot;
    }

    private static IEnumerable<IReadOnlyList<Runs.MetricsPoint>> Series(MethodComparison method) => method.Runs.Select(run => run.Metrics);

    private static double Mean(MethodComparison method, string figure) => method.Figures[figure].Mean;

    private static double Error(MethodComparison method, string figure) => method.Figures[figure].StandardError;
}
