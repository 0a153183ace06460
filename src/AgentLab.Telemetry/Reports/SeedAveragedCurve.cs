using AgentLab.Telemetry.Plotting;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Telemetry.Reports;

/// <summary>A training curve averaged over seeds, step by step.</summary>
internal static class SeedAveragedCurve
{
    /// <summary>
    /// For every step any seed logged, the mean of the finite values the seeds logged at that step
    /// (seeds are expected to log on the same schedule); NaN — a gap in the plot — where none is
    /// finite. A seed that logged a step twice (resumed without truncation) counts once, with its later value.
    /// </summary>
    public static List<PlotPoint> Of(IEnumerable<IReadOnlyList<MetricsPoint>> seeds, Func<MetricsPoint, double?> figure)
    {
        var perStep = new SortedDictionary<long, List<double>>();
        foreach (var series in seeds)
        {
            var lastPerStep = new Dictionary<long, double>();
            foreach (var point in series)
                if (figure(point) is double value) lastPerStep[point.Step] = value;
            foreach (var (step, value) in lastPerStep)
            {
                if (!perStep.TryGetValue(step, out var values)) perStep[step] = values = [];
                if (double.IsFinite(value)) values.Add(value);
            }
        }
        return perStep.Select(entry => new PlotPoint(entry.Key, entry.Value.Count > 0 ? entry.Value.Average() : double.NaN)).ToList();
    }
}
