using System.Numerics;
using AgentLab.Sparse;

namespace AgentLab.Memory;

/// <summary>
/// Applies a <see cref="RetrievalMap"/> to the rows of a [rows x cols] batch, in one chunk per core when the
/// batch is large enough to pay for the threads (each chunk with its own supports; chunks are fixed, so
/// results never depend on scheduling). Small batches run on the caller's thread: on a busy machine waking a
/// pool thread costs more than a cheap map saves.
/// </summary>
internal sealed class ParallelRowMap
{
    /// <summary>Estimated element operations below which a loop runs serially (about a millisecond).</summary>
    public const long ParallelWork = 1L << 21;

    private readonly int _cols, _chunkRows;
    private readonly RowSupports[] _supports;

    public ParallelRowMap(int rows, int cols, RetrievalMap map)
    {
        Rows = rows;
        _cols = cols;
        Map = map;
        _chunkRows = ChunkSize(rows, (long)cols * CostPerEntry(map));
        int chunks = (rows + _chunkRows - 1) / _chunkRows;
        _supports = new RowSupports[chunks];
        for (int c = 0; c < chunks; c++) _supports[c] = new RowSupports(Math.Min(_chunkRows, rows - c * _chunkRows), cols);
    }

    public int Rows { get; }

    public RetrievalMap Map { get; }

    /// <summary>Whether this instance fits a batch (so a caller can keep it across calls).</summary>
    public bool Fits(int rows, int cols, RetrievalMap map) => rows == Rows && cols == _cols && map == Map;

    /// <summary>Non-zeros of the last forward pass over the whole batch.</summary>
    public int TotalSupport { get; private set; }

    public void Forward<T>(T[] scores, T[] probs) where T : IFloatingPointIeee754<T>
    {
        Run(_supports.Length, c =>
        {
            int start = c * _chunkRows, count = _supports[c].Rows;
            RetrievalMapKernel.Forward<T>(Map, scores.AsSpan(start * _cols, count * _cols), probs.AsSpan(start * _cols, count * _cols),
                count, _cols, _supports[c]);
        });
        int total = 0;
        foreach (var s in _supports) total += s.TotalCount;
        TotalSupport = total;
    }

    /// <summary>The support of row <paramref name="row"/> from the last forward pass.</summary>
    public ReadOnlySpan<int> Support(int row) => _supports[row / _chunkRows][row % _chunkRows];

    /// <summary>Runs <paramref name="body"/>(start, count) over fixed chunks of <paramref name="rows"/> rows.</summary>
    /// <param name="workPerRow">Estimated element operations per row (decides whether to use more than one thread).</param>
    public static void ForChunks(int rows, long workPerRow, Action<int, int> body)
    {
        int size = ChunkSize(rows, workPerRow), chunks = (rows + size - 1) / size;
        Run(chunks, c => body(c * size, Math.Min(size, rows - c * size)));
    }

    /// <summary>Rough relative cost of one score entry: sort-based maps scan it, bisections revisit it, SparseMAP solves around it.</summary>
    private static int CostPerEntry(RetrievalMap map) => map.Kind switch
    {
        RetrievalMapKind.Entmax or RetrievalMapKind.Normmax => 10,
        RetrievalMapKind.KSubsets => 60,
        RetrievalMapKind.SequentialKSubsets => 1000,
        _ => 1,
    };

    /// <summary>Rows per chunk: the whole batch when its work is small, else one chunk per core.</summary>
    private static int ChunkSize(int rows, long workPerRow)
    {
        if (rows < 2 || rows * workPerRow < ParallelWork) return Math.Max(1, rows);
        int chunks = Math.Min(rows, Environment.ProcessorCount);
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
