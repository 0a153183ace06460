using System.Globalization;
using AgentLab.Telemetry.Plotting;

namespace AgentLab.Telemetry.Retrieval;

/// <summary>The plots of a retrieval report. A map has the same colour in every plot (its position in the sweep).</summary>
internal static class RetrievalPlots
{
    /// <summary>
    /// Exact-retrieval rate against the number of memories, one plot per corruption and (post, beta) setting, one
    /// colour per map; the fewest steps solid, more steps dashed.
    /// </summary>
    public static IEnumerable<SvgPlot> ExactVersusMemories(RetrievalTable table)
    {
        var maps = Maps(table);
        var fewestSteps = table.Rows.Min(row => row.Steps);
        foreach (var group in table.Rows.GroupBy(row => (row.Corruption, row.Post, row.Beta)))
        {
            string beta = group.Key.Beta.ToString(CultureInfo.InvariantCulture);
            var plot = new SvgPlot($"Exact retrieval: {group.Key.Corruption} queries, {group.Key.Post} post, beta {beta}", "memories N", "exact rate")
            {
                XScale = ScaleKind.Log,
                YRange = new AxisRange(0, 1),
            };
            foreach (var series in group.GroupBy(row => (row.Map, row.Steps)).OrderBy(s => maps.IndexOf(s.Key.Map)).ThenBy(s => s.Key.Steps))
            {
                var points = series.OrderBy(row => row.Memories).Select(row => new PlotPoint(row.Memories, row.Mean(RetrievalTable.Exact))).ToList();
                plot.Add(new LineSeries($"{series.Key.Map}, {series.Key.Steps} step{(series.Key.Steps == 1 ? "" : "s")}", points,
                    Palette.Color(maps.IndexOf(series.Key.Map)), Dashed: series.Key.Steps != fewestSteps));
            }
            yield return plot;
        }
    }

    /// <summary>Recall time per batch against N for each map at the fewest steps, averaged over corruptions and settings.</summary>
    public static SvgPlot TimeVersusMemories(RetrievalTable table)
    {
        var maps = Maps(table);
        int fewestSteps = table.Rows.Min(row => row.Steps);
        var plot = new SvgPlot($"Recall time per batch, {fewestSteps} step{(fewestSteps == 1 ? "" : "s")}", "memories N", "ms per batch")
        {
            XScale = ScaleKind.Log,
            YScale = ScaleKind.Log,
        };
        foreach (string map in maps)
        {
            var points = table.Rows.Where(row => row.Map == map && row.Steps == fewestSteps)
                .GroupBy(row => row.Memories).OrderBy(group => group.Key)
                .Select(group => new PlotPoint(group.Key, group.Average(row => row.Mean(RetrievalTable.MillisecondsPerBatch)))).ToList();
            plot.Add(new LineSeries(map, points, Palette.Color(maps.IndexOf(map))));
        }
        return plot;
    }

    private static List<string> Maps(RetrievalTable table) => table.Rows.Select(row => row.Map).Distinct().ToList();
}
