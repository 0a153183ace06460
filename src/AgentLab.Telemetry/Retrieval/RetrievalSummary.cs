namespace AgentLab.Telemetry.Retrieval;

/// <summary>The content of a retrieval run's <c>summary.json</c>: what was measured and how long it took.</summary>
public sealed record RetrievalSummary
{
    public required string Scenario { get; init; }
    public required IReadOnlyList<int> Seeds { get; init; }

    /// <summary>Settings (table rows) and measured cells (settings x seeds).</summary>
    public required int Rows { get; init; }
    public required int Cells { get; init; }

    /// <summary>Queries recalled over the whole sweep and the wall time of their recall batches.</summary>
    public required long Queries { get; init; }
    public required double RecallSeconds { get; init; }
    public required double QueriesPerSecond { get; init; }

    /// <summary>Wall-clock seconds of the whole run, data loading and reports included.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>The report's files, relative to the run directory.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    public Dictionary<string, string>? Notes { get; init; }
}
