namespace AgentLab.Telemetry.Plotting;

/// <summary>
/// One axis fitted to its data: the domain it shows (widened to round tick values), the ticks,
/// and where a value falls along it as a fraction from 0 (low end) to 1 (high end).
/// </summary>
internal sealed class AxisScale
{
    private AxisScale(ScaleKind kind, double min, double max, IReadOnlyList<double> ticks)
    {
        Kind = kind;
        Min = min;
        Max = max;
        Ticks = ticks;
    }

    public ScaleKind Kind { get; }

    public double Min { get; }

    public double Max { get; }

    public IReadOnlyList<double> Ticks { get; }

    /// <summary>
    /// Fits an axis around every value it can show plus <paramref name="mustShow"/>. With nothing
    /// to show it still returns a usable axis ([0, 1], or [1, 10] on a log scale).
    /// </summary>
    public static AxisScale Fit(ScaleKind kind, IEnumerable<double> values, AxisRange? mustShow)
    {
        var shown = values.ToList();
        if (mustShow is AxisRange range) shown.AddRange([range.Min, range.Max]);
        shown.RemoveAll(value => !CanShow(kind, value));
        return kind == ScaleKind.Log ? FitLog(shown) : FitLinear(shown);
    }

    public bool CanShow(double value) => CanShow(Kind, value);

    /// <summary>Where <paramref name="value"/> lies between <see cref="Min"/> (0) and <see cref="Max"/> (1).</summary>
    public double Fraction(double value) => Kind == ScaleKind.Log
        ? (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
        : (value - Min) / (Max - Min);

    /// <summary>As <see cref="Fraction"/>, but a value the axis cannot show or lying beyond it is pinned to the nearer end.</summary>
    public double ClampedFraction(double value) =>
        CanShow(value) ? Math.Clamp(Fraction(value), 0, 1) : value > Max ? 1 : 0;

    private static bool CanShow(ScaleKind kind, double value) =>
        double.IsFinite(value) && (kind == ScaleKind.Linear || value > 0);

    private static AxisScale FitLinear(List<double> values)
    {
        double min = values.Count > 0 ? values.Min() : 0;
        double max = values.Count > 0 ? values.Max() : 1;
        if (min == max)
        {
            double pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = TickValues.NiceStep(max - min, targetCount: 5);
        double low = Math.Floor(min / step) * step;
        double high = Math.Ceiling(max / step) * step;
        return new AxisScale(ScaleKind.Linear, low, high, TickValues.Linear(low, high, step));
    }

    private static AxisScale FitLog(List<double> values)
    {
        // The small margin moves a value lying exactly on a power of ten (one receiver call per
        // game, say) off the frame's edge, where its line would be hidden by the frame.
        const double margin = 0.05;
        int lowDecade = values.Count > 0 ? (int)Math.Floor(Math.Log10(values.Min()) - margin) : 0;
        int highDecade = values.Count > 0 ? (int)Math.Ceiling(Math.Log10(values.Max()) + margin) : 1;
        if (highDecade == lowDecade) highDecade++;
        return new AxisScale(ScaleKind.Log, Math.Pow(10, lowDecade), Math.Pow(10, highDecade), TickValues.Log(lowDecade, highDecade));
    }
}
