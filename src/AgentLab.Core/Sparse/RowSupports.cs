namespace AgentLab.Sparse;

/// <summary>
/// The non-zero pattern of a batch of probability rows: for every row, the column indices with p &gt; 0,
/// in ascending order. Forward passes fill it so that channels and backward passes can iterate only
/// the support instead of all columns.
/// </summary>
/// <remarks>
/// Storage is one flat int buffer with a fixed stride of <see cref="Cols"/> per row (row r's indices
/// start at r * Cols) plus a count per row. The fixed stride lets every row be written independently,
/// and a reused instance does not allocate as long as the batch does not grow.
/// </remarks>
public sealed class RowSupports
{
    private int[] _indices;
    private int[] _counts;

    /// <summary>Creates an empty support set sized for a batch of <paramref name="rows"/> x <paramref name="cols"/>.</summary>
    public RowSupports(int rows, int cols)
    {
        _indices = [];
        _counts = [];
        Reset(rows, cols);
    }

    /// <summary>Number of rows described.</summary>
    public int Rows { get; private set; }

    /// <summary>Number of columns of the probability rows (the stride of the index buffer).</summary>
    public int Cols { get; private set; }

    /// <summary>Support indices of one row, ascending.</summary>
    public ReadOnlySpan<int> this[int row] => _indices.AsSpan(RowStart(row), _counts[row]);

    /// <summary>Number of non-zero entries in one row.</summary>
    public int Count(int row)
    {
        CheckRow(row);
        return _counts[row];
    }

    /// <summary>Sum of the per-row counts (the number of non-zeros in the whole batch).</summary>
    public int TotalCount
    {
        get
        {
            int total = 0;
            for (int r = 0; r < Rows; r++) total += _counts[r];
            return total;
        }
    }

    /// <summary>Re-shapes the instance for a new batch; all counts become 0. Grows buffers only when needed.</summary>
    public void Reset(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        long size = (long)rows * cols;
        if (size > Array.MaxLength) throw new ArgumentException($"a {rows} x {cols} support does not fit in one buffer");
        if (_indices.Length < size) _indices = new int[size];
        if (_counts.Length < rows) _counts = new int[rows];
        Rows = rows;
        Cols = cols;
        Array.Clear(_counts, 0, rows);
    }

    /// <summary>Writable index slot of one row (Cols entries); the filler then calls <see cref="SetCount"/>.</summary>
    internal Span<int> RowBuffer(int row) => _indices.AsSpan(RowStart(row), Cols);

    internal void SetCount(int row, int count)
    {
        CheckRow(row);
        _counts[row] = count;
    }

    /// <summary>Throws unless this instance describes a <paramref name="rows"/> x <paramref name="cols"/> batch.</summary>
    internal void RequireShape(int rows, int cols, string paramName)
    {
        if (Rows != rows || Cols != cols)
            throw new ArgumentException($"supports describe a {Rows} x {Cols} batch, expected {rows} x {cols}", paramName);
    }

    private int RowStart(int row)
    {
        CheckRow(row);
        return row * Cols;
    }

    // The check is on every row of every forward pass: the throw lives in its own method so this one inlines.
    private void CheckRow(int row)
    {
        if ((uint)row >= (uint)Rows) ThrowRowOutOfRange(row);
    }

    private void ThrowRowOutOfRange(int row) =>
        throw new ArgumentOutOfRangeException(nameof(row), row, $"row must be in [0, {Rows})");
}
