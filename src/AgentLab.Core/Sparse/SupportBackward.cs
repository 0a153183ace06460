using System.Buffers;
using System.Numerics;

namespace AgentLab.Sparse;

/// <summary>
/// The row loop of the sparse maps' backward passes: each row's support (from the forward pass, or derived
/// from p &gt; 0), prefetched a few rows ahead, and large batches in parallel blocks.
/// </summary>
internal static class SupportBackward
{
    /// <summary>The VJP of one row: writes all of dx (zero off the support).</summary>
    public delegate void Row<T, TState>(ReadOnlySpan<T> p, ReadOnlySpan<int> support, ReadOnlySpan<T> dy, Span<T> dx, TState state);

    /// <param name="readsProbs">Whether the row VJP reads p on the support (then it is prefetched too).</param>
    public static void Run<T, TState>(ReadOnlySpan<T> probs, ReadOnlySpan<T> dy, Span<T> dx, int rows, int cols, RowSupports? supports,
        bool readsProbs, TState state, Row<T, TState> row)
        where T : IFloatingPointIeee754<T>
    {
        RowBlocks.Run(probs, dy, dx, rows, cols, (supports, readsProbs, cols, state, row), static (probs, dy, dx, start, end, context) =>
        {
            var (supports, readsProbs, cols, state, row) = context;
            int[]? scratch = supports is null ? ArrayPool<int>.Shared.Rent(cols) : null;
            for (int r = start; r < end; r++)
            {
                int ahead = r + SupportPrefetch.RowsAhead;
                if (supports is not null && ahead < end)
                    SupportPrefetch.Row(dy.Slice(ahead * cols, cols), readsProbs ? probs.Slice(ahead * cols, cols) : [], supports[ahead]);
                var p = probs.Slice(r * cols, cols);
                row(p, ShiftedScores.SupportOf(p, supports, r, scratch), dy.Slice(r * cols, cols), dx.Slice(r * cols, cols), state);
            }
            if (scratch is not null) ArrayPool<int>.Shared.Return(scratch);
        });
    }
}
