using System.Buffers;

namespace AgentLab.Sparse;

/// <summary>
/// Pooled per-call work buffers, rented once per batch call and reused for every row,
/// so the kernels allocate nothing per row.
/// </summary>
internal ref struct RowScratch<T>
{
    private T[]? _values;
    private T[]? _sorted;
    private int[]? _indices;

    /// <param name="cols">Row length; buffers get one spare slot (the partial sort appends a sentinel).</param>
    public RowScratch(int cols)
    {
        int length = cols + 1;
        _values = ArrayPool<T>.Shared.Rent(length);
        _sorted = ArrayPool<T>.Shared.Rent(length);
        _indices = ArrayPool<int>.Shared.Rent(length);
    }

    /// <summary>Candidate values, aligned with <see cref="Indices"/>.</summary>
    public readonly Span<T> Values => _values;

    /// <summary>A second value buffer that may be reordered (sorting must not disturb Values/Indices).</summary>
    public readonly Span<T> Sorted => _sorted;

    public readonly Span<int> Indices => _indices;

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
