using AgentLab.Telemetry.Runs;

namespace AgentLab.Telemetry.Reports;

/// <summary>One method's row of a comparison: its runs, one per seed, and every figure aggregated over them.</summary>
public sealed record MethodComparison(
    string Method,
    IReadOnlyList<long> Seeds,
    IReadOnlyDictionary<string, FigureStatistics> Figures,
    IReadOnlyList<RunResults> Runs)
{
    /// <summary>Number of seeds (runs) of this method.</summary>
    public int SeedCount => Seeds.Count;
}
