using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace AgentLab.Sparse;

/// <summary>
/// Pooled per-call work buffers, rented once per batch call and reused for every row,
/// so the kernels allocate nothing per row.
/// </summary>
internal ref struct RowScratch<T> where T : IFloatingPointIeee754<T>
{
    private T[]? _values;
    private T[]? _sorted;
    private int[]? _indices;

    /// <summary>Spare slots past a row's length: one for the partial sort's sentinel, the rest for <see cref="PadToVectors"/>.</summary>
    private const int Spare = 1 + 16;

    /// <param name="cols">Row length.</param>
    public RowScratch(int cols)
    {
        int length = cols + Spare;
        _values = ArrayPool<T>.Shared.Rent(length);
        _sorted = ArrayPool<T>.Shared.Rent(length);
        _indices = ArrayPool<int>.Shared.Rent(length);
    }

    /// <summary>Candidate values, aligned with <see cref="Indices"/>.</summary>
    public readonly Span<T> Values => _values;

    /// <summary>A second value buffer that may be reordered (sorting must not disturb Values/Indices).</summary>
    public readonly Span<T> Sorted => _sorted;

    public readonly Span<int> Indices => _indices;

    /// <summary>
    /// Fills values[count..] with −∞ up to a whole number of 256-bit vectors (values needs the spare slots
    /// of a scratch buffer) and returns the padded length.
    /// </summary>
    public static int PadToVectors(Span<T> values, int count)
    {
        int width = Vector256<T>.IsSupported ? Vector256<T>.Count : 1;
        int padded = (count + width - 1) / width * width;
        values[count..padded].Fill(T.NegativeInfinity);
        return padded;
    }

    public void Dispose()
    {
        if (_values is not null) ArrayPool<T>.Shared.Return(_values);
        if (_sorted is not null) ArrayPool<T>.Shared.Return(_sorted);
        if (_indices is not null) ArrayPool<int>.Shared.Return(_indices);
        _values = null;
        _sorted = null;
        _indices = null;
    }
}
