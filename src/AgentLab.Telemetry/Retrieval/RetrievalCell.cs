namespace AgentLab.Telemetry.Retrieval;

/// <summary>
/// What one cell of a retrieval sweep measured: N memories of one seed, queried with one corruption, recalled
/// with one map, post-transformation, beta and step count. Rates are fractions of the N queries; supports are
/// means over the queries; <see cref="RecallSeconds"/> is the wall time of the recall batches alone.
/// Serialised in snake_case by <see cref="Runs.TelemetryJson"/>.
/// </summary>
public sealed record RetrievalCell
{
    public required int Memories { get; init; }
    public required string Corruption { get; init; }
    public required string Map { get; init; }
    public required string Post { get; init; }
    public required double Beta { get; init; }

    /// <summary>Most update steps allowed (the recall may stop earlier when asked to stop once stable).</summary>
    public required int Steps { get; init; }

    public required int Seed { get; init; }
    public required int Queries { get; init; }

    /// <summary>Queries per recall batch (the last batch may be smaller).</summary>
    public required int Batch { get; init; }

    /// <summary>Fraction of queries whose retrieved state has cosine above the exact threshold (0.99) to its own memory.</summary>
    public required double Exact { get; init; }

    /// <summary>Fraction with cosine above the success threshold (0.9).</summary>
    public required double Success { get; init; }

    /// <summary>Mean number of memories with non-zero weight in the last step (the metastable-state size).</summary>
    public required double Support { get; init; }

    /// <summary>Mean number of memories with weight above 0.01 (how softmax's mass is spread in practice).</summary>
    public required double SupportAbove001 { get; init; }

    /// <summary>Mean update steps the recall took per batch.</summary>
    public required double StepsTaken { get; init; }

    public required double RecallSeconds { get; init; }

    /// <summary>The key that identifies a cell of the sweep: a resumed run skips the cells it already has.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => KeyOf(Memories, Corruption, Map, Post, Beta, Steps, Seed);

    public static string KeyOf(int memories, string corruption, string map, string post, double beta, int steps, int seed) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{memories}|{corruption}|{map}|{post}|{beta:R}|{steps}|{seed}");
}
