namespace AgentLab.Games.Data;

/// <summary>
/// A dense float32 matrix stored row-major in one flat array: one example per row, one feature per column.
/// The flat array is exposed on purpose so numeric kernels can work on it in place without copying.
/// </summary>
public sealed class FeatureMatrix
{
    public FeatureMatrix(int rows, int columns, float[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentNullException.ThrowIfNull(values);
        if ((long)rows * columns != values.LongLength)
        {
            throw new ArgumentException(
                $"A {rows}x{columns} matrix needs {(long)rows * columns} values, got {values.LongLength}.", nameof(values));
        }

        Rows = rows;
        Columns = columns;
        Values = values;
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Row-major values: element (r, c) is at index r * Columns + c.</summary>
    public float[] Values { get; }

    public Span<float> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        return Values.AsSpan(row * Columns, Columns);
    }
}
