namespace AgentLab.Telemetry.Reports;

/// <summary>
/// One figure of one method over its seeds: the mean, the standard error of the mean, the number
/// of seeds, and the per-seed values it came from.
/// </summary>
public sealed record FigureStatistics(double Mean, double StandardError, int Count, IReadOnlyList<SeedValue> Values)
{
    /// <summary>
    /// The standard error is the sample standard deviation (n − 1 in the denominator) over √n: how
    /// far the mean of these seeds may lie from the mean over all seeds. With one seed there is no
    /// spread to measure and it is reported as 0 — read it together with n. A NaN value (a
    /// diverged run) makes mean and error NaN rather than vanish from the average.
    /// </summary>
    public static FigureStatistics Of(IReadOnlyList<SeedValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("a figure needs at least one value", nameof(values));
        int n = values.Count;
        // Seeds that agree exactly (a deterministic figure, e.g. 256 receiver calls for dense
        // marginalisation) must show that value ± 0, not the rounding noise of summing and dividing.
        double first = values[0].Value;
        if (double.IsFinite(first) && values.All(v => v.Value == first)) return new FigureStatistics(first, 0, n, values);
        double mean = values.Sum(v => v.Value) / n;
        if (n == 1) return new FigureStatistics(mean, 0, 1, values);
        // Two passes: subtracting the mean first keeps the variance accurate for values close together.
        double sumOfSquares = values.Sum(v => (v.Value - mean) * (v.Value - mean));
        double standardDeviation = Math.Sqrt(sumOfSquares / (n - 1));
        return new FigureStatistics(mean, standardDeviation / Math.Sqrt(n), n, values);
    }
}
