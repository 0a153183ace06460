using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace AgentLab.Sparse;

/// <summary>
/// Runs a row-wise kernel over a batch: in one call for small batches, and for large ones in blocks of a
/// fixed number of rows spread over the thread pool. Every row is computed by the same code whatever the
/// block it falls in, so results are bit-identical to the sequential loop on any number of cores.
/// </summary>
internal static class RowBlocks
{
    /// <summary>Batches with fewer entries run on the calling thread: below this, waking a worker costs more than it saves.</summary>
    public const int MinParallelEntries = 1 << 16;

    /// <summary>Entries per block (whole rows, at least one): enough work per block to amortise scheduling, and many blocks for balance.</summary>
    private const int BlockEntries = 1 << 15;

    /// <summary>A kernel over rows [startRow, endRow) of the whole-batch spans; any span may be empty when unused.</summary>
    public delegate void Body<T, TState>(ReadOnlySpan<T> first, ReadOnlySpan<T> second, Span<T> output, int startRow, int endRow,
        TState state);

    /// <summary>
    /// Runs <paramref name="body"/> over all rows. If blocks fail, the exception of the lowest failing block
    /// is rethrown as is, so the error names the same row as a sequential run would.
    /// </summary>
    public static unsafe void Run<T, TState>(ReadOnlySpan<T> first, ReadOnlySpan<T> second, Span<T> output, int rows, int cols,
        TState state, Body<T, TState> body)
    {
        if ((long)rows * cols < MinParallelEntries || Environment.ProcessorCount == 1)
        {
            body(first, second, output, 0, rows, state);
            return;
        }
        int blockRows = Math.Max(1, BlockEntries / cols);
        int blocks = (rows + blockRows - 1) / blockRows;
        var failures = new Exception?[blocks];
        // The spans cannot be captured by the workers' lambda, so they travel as pinned addresses for the
        // duration of the (synchronous) parallel loop.
        fixed (byte* a = &AsBytes(first), b = &AsBytes(second), c = &AsBytes(output))
        {
            nint firstAddress = (nint)a, secondAddress = (nint)b, outputAddress = (nint)c;
            int firstLength = first.Length, secondLength = second.Length, outputLength = output.Length;
            Parallel.For(0, blocks, block =>
            {
                try
                {
                    body(new ReadOnlySpan<T>((void*)firstAddress, firstLength), new ReadOnlySpan<T>((void*)secondAddress, secondLength),
                        new Span<T>((void*)outputAddress, outputLength), block * blockRows, Math.Min(rows, (block + 1) * blockRows), state);
                }
                catch (Exception e)
                {
                    failures[block] = e;
                }
            });
        }
        foreach (var failure in failures)
            if (failure is not null) ExceptionDispatchInfo.Throw(failure);
    }

    private static ref byte AsBytes<T>(ReadOnlySpan<T> span) => ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(span));
}
