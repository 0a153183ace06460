using System.Buffers;
using System.Numerics;

namespace AgentLab.Sparse;

/// <summary>
/// The k highest-scoring bit-vectors z ∈ {0,1}^D under θ(z) = ⟨x, z⟩, best first, by the k-best merge of
/// docs/ALGORITHMS.md §6 (O(D·k)): position 0 gives [on, off] if x_0 ≥ 0 else [off, on]; each later bit
/// merges "L with bit i off" and "L with bit i on", taking the "on" head only when strictly better.
/// </summary>
/// <remarks>
/// Scores are tracked as penalties against the unconstrained best z* (on exactly where it pays):
/// θ(z) = θ(z*) − penalty(z) with penalty = Σ of |x_i| over the bits that differ from z*. Comparing
/// penalties orders configurations exactly as comparing scores (same ties), but the differences that
/// sparsemax over configurations needs stay small, exact sums instead of differences of two large sums.
/// </remarks>
internal ref struct BitVectorKBest<T> where T : IFloatingPointIeee754<T>
{
    private readonly int _bits;
    private readonly int _k;
    private T[]? _current;
    private T[]? _next;
    private int[]? _backPointers; // [bit, rank] → (parent rank << 1) | bit value

    public BitVectorKBest(int bits, int k)
    {
        _bits = bits;
        _k = k;
        _current = ArrayPool<T>.Shared.Rent(k);
        _next = ArrayPool<T>.Shared.Rent(k);
        _backPointers = ArrayPool<int>.Shared.Rent(bits * k);
    }

    /// <summary>
    /// Runs the search for one row. Writes the k configurations best first as 0/1 bytes
    /// ([k x D]) and their penalties (ascending, the first is 0).
    /// </summary>
    public readonly void Search(ReadOnlySpan<T> x, Span<byte> configs, Span<T> penalties)
    {
        T[] current = _current!, next = _next!;
        int[] back = _backPointers!;
        int k = _k;

        // Position 0; the parent rank is unused there.
        bool onFirst = x[0] >= T.Zero;
        T gap = T.Abs(x[0]);
        current[0] = T.Zero;
        back[0] = onFirst ? 1 : 0;
        int length = 1;
        if (k > 1)
        {
            current[1] = gap;
            back[1] = onFirst ? 0 : 1;
            length = 2;
        }

        for (int bit = 1; bit < _bits; bit++)
        {
            T xi = x[bit];
            T offCost = xi > T.Zero ? xi : T.Zero;  // turning the bit off loses a positive score
            T onCost = xi < T.Zero ? -xi : T.Zero;  // turning it on pays a negative score
            int a = 0, b = 0, n = 0, row = bit * k;
            while (n < k && (a < length || b < length))
            {
                bool takeOn = b < length && (a >= length || current[b] + onCost < current[a] + offCost);
                if (takeOn)
                {
                    next[n] = current[b] + onCost;
                    back[row + n] = (b << 1) | 1;
                    b++;
                }
                else
                {
                    next[n] = current[a] + offCost;
                    back[row + n] = a << 1;
                    a++;
                }
                n++;
            }
            (current, next) = (next, current);
            length = n;
        }

        for (int rank = 0; rank < length; rank++)
        {
            penalties[rank] = current[rank];
            Span<byte> config = configs.Slice(rank * _bits, _bits);
            int at = rank;
            for (int bit = _bits - 1; bit >= 0; bit--)
            {
                int code = back[bit * k + at];
                config[bit] = (byte)(code & 1);
                at = code >> 1;
            }
        }
    }

    public void Dispose()
    {
        if (_current is not null) ArrayPool<T>.Shared.Return(_current);
        if (_next is not null) ArrayPool<T>.Shared.Return(_next);
        if (_backPointers is not null) ArrayPool<int>.Shared.Return(_backPointers);
        _current = null;
        _next = null;
        _backPointers = null;
    }
}
