using AgentLab.Telemetry.Reports;

namespace AgentLab.Telemetry.Retrieval;

/// <summary>One row of the retrieval table: one setting of the sweep, its figures aggregated over seeds.</summary>
public sealed record RetrievalRow(int Memories, string Corruption, string Map, string Post, double Beta, int Steps,
    IReadOnlyList<long> Seeds, IReadOnlyDictionary<string, FigureStatistics> Figures)
{
    public double Mean(string figure) => Figures[figure].Mean;
}
