using System.Numerics;
using AgentLab.Sparse;

namespace AgentLab.Memory;

/// <summary>
/// Applies a <see cref="RetrievalMap"/> to the rows of a [rows x cols] batch in a fixed number of parallel
/// chunks (each with its own supports), so results never depend on scheduling.
/// </summary>
internal sealed class ParallelRowMap
{
    private readonly int _rows, _cols, _chunkRows;
    private readonly RowSupports[] _supports;

    public ParallelRowMap(int rows, int cols)
    {
        _rows = rows;
        _cols = cols;
        _chunkRows = ChunkSize(rows);
        int chunks = (rows + _chunkRows - 1) / _chunkRows;
        _supports = new RowSupports[chunks];
        for (int c = 0; c < chunks; c++) _supports[c] = new RowSupports(Math.Min(_chunkRows, rows - c * _chunkRows), cols);
    }

    /// <summary>Non-zeros of the last forward pass over the whole batch.</summary>
    public int TotalSupport { get; private set; }

    public void Forward<T>(RetrievalMap map, T[] scores, T[] probs) where T : IFloatingPointIeee754<T>
    {
        Run(_supports.Length, c =>
        {
            int start = c * _chunkRows, count = _supports[c].Rows;
            RetrievalMapKernel.Forward<T>(map, scores.AsSpan(start * _cols, count * _cols), probs.AsSpan(start * _cols, count * _cols),
                count, _cols, _supports[c]);
        });
        int total = 0;
        foreach (var s in _supports) total += s.TotalCount;
        TotalSupport = total;
    }

    /// <summary>The support of row <paramref name="row"/> from the last forward pass.</summary>
    public ReadOnlySpan<int> Support(int row) => _supports[row / _chunkRows][row % _chunkRows];

    /// <summary>Runs <paramref name="body"/>(start, count) over the same fixed chunks of <paramref name="rows"/> rows.</summary>
    public static void ForChunks(int rows, Action<int, int> body)
    {
        int size = ChunkSize(rows), chunks = (rows + size - 1) / size;
        Run(chunks, c => body(c * size, Math.Min(size, rows - c * size)));
    }

    /// <summary>Rows per chunk: one chunk per core (at least one row each).</summary>
    private static int ChunkSize(int rows)
    {
        int chunks = Math.Max(1, Math.Min(rows, Environment.ProcessorCount));
        return Math.Max(1, (rows + chunks - 1) / chunks);
    }

    private static void Run(int chunks, Action<int> body)
    {
        if (chunks == 1)
        {
            body(0);
            return;
        }
        try
        {
            Parallel.For(0, chunks, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            // Surface the kernel's own exception (e.g. an ArgumentException), as the serial path does.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
