using AgentLab.Telemetry.Runs;

namespace AgentLab.Telemetry.Reports;

/// <summary>
/// Runs of one scenario grouped by method, each summary figure aggregated over seeds: the numbers
/// behind every file of a comparison report.
/// </summary>
public sealed class ComparisonTable
{
    private ComparisonTable(string scenario, ComparisonFigures layout, IReadOnlyList<string> figureNames, IReadOnlyList<MethodComparison> methods)
    {
        Scenario = scenario;
        Layout = layout;
        FigureNames = figureNames;
        Methods = methods;
    }

    public string Scenario { get; }

    /// <summary>The game's columns and plots.</summary>
    public ComparisonFigures Layout { get; }

    /// <summary>The layout's columns some run has, in table order, then any other extra figures in the order first met.</summary>
    public IReadOnlyList<string> FigureNames { get; }

    /// <summary>One entry per method, in the order the methods first appear in the runs.</summary>
    public IReadOnlyList<MethodComparison> Methods { get; }

    /// <summary>
    /// Groups and aggregates the runs. Refuses (with <see cref="ArgumentException"/>) what would
    /// make the table misleading: no runs, runs of different scenarios, or the same method and
    /// seed twice (which would count one seed as two and shrink the error bars). The columns are
    /// <paramref name="layout"/>'s, the referential game's when it is <c>null</c>.
    /// </summary>
    public static ComparisonTable FromRuns(IReadOnlyList<RunResults> runs, ComparisonFigures? layout = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        layout ??= ComparisonFigures.Referential;
        if (runs.Count == 0) throw new ArgumentException("no runs to compare: the comparison needs at least one finished run", nameof(runs));
        if (runs.Any(run => run?.Summary is null || run.Metrics is null))
            throw new ArgumentException("every run needs a summary and a (possibly empty) metrics series", nameof(runs));

        var scenarios = runs.Select(run => run.Summary.Scenario).Distinct().ToList();
        if (scenarios.Count > 1)
            throw new ArgumentException($"runs of several scenarios cannot share one table: {string.Join(", ", scenarios)}", nameof(runs));

        var duplicate = runs.GroupBy(run => (run.Summary.Method, run.Summary.Seed)).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"method {duplicate.Key.Method} has seed {duplicate.Key.Seed} {duplicate.Count()} times; each seed may count once", nameof(runs));

        var figureNames = runs.SelectMany(run => layout.Of(run.Summary).Select(figure => figure.Name)).Distinct().ToList();
        var methods = runs.GroupBy(run => run.Summary.Method).Select(group => Aggregate(layout, group.Key, group.ToList(), figureNames)).ToList();
        return new ComparisonTable(scenarios[0], layout, figureNames, methods);
    }

    /// <summary>A figure missing from every run of the method (an extra of other methods) gets no entry.</summary>
    private static MethodComparison Aggregate(ComparisonFigures layout, string method, List<RunResults> runs, List<string> figureNames)
    {
        var figures = new Dictionary<string, FigureStatistics>();
        foreach (string name in figureNames)
        {
            var values = runs
                .SelectMany(run => layout.Of(run.Summary).Where(figure => figure.Name == name).Select(figure => new SeedValue(run.Summary.Seed, figure.Value)))
                .ToList();
            if (values.Count > 0) figures[name] = FigureStatistics.Of(values);
        }
        return new MethodComparison(method, runs.Select(run => run.Summary.Seed).ToList(), figures, runs);
    }
}
