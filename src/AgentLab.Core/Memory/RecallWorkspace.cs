using System.Numerics;

namespace AgentLab.Memory;

/// <summary>
/// The scratch buffers of a recall (states, scores, weights of the running queries and the row maps), kept by a
/// <see cref="HopfieldMemory"/> between calls so that repeated recalls of a batch allocate only their results.
/// </summary>
internal sealed class RecallWorkspace<T> where T : IFloatingPointIeee754<T>
{
    private ParallelRowMap? _rowMap;

    public T[] Queries { get; private set; } = [];

    public T[] Scores { get; private set; } = [];

    public T[] Weights { get; private set; } = [];

    public T[] NextQueries { get; private set; } = [];

    /// <summary>Grows the buffers for b queries, n memories, dimension d.</summary>
    public void Ensure(int b, int n, int d)
    {
        if (Queries.Length < b * d) Queries = new T[b * d];
        if (NextQueries.Length < b * d) NextQueries = new T[b * d];
        if (Scores.Length < b * n) Scores = new T[b * n];
        if (Weights.Length < b * n) Weights = new T[b * n];
    }

    /// <summary>A row map for this batch shape, reused when the shape and map repeat.</summary>
    public ParallelRowMap RowMap(int rows, int cols, RetrievalMap map)
    {
        if (_rowMap is null || !_rowMap.Fits(rows, cols, map)) _rowMap = new ParallelRowMap(rows, cols, map);
        return _rowMap;
    }
}
