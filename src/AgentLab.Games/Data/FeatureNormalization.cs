using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace AgentLab.Games.Data;

/// <summary>
/// In-place normalisations of row-major feature matrices (one example per row).
/// Every kernel works a row at a time with <see cref="TensorPrimitives"/>, so it is vectorised and allocates
/// only per-column buffers.
/// </summary>
public static class FeatureNormalization
{
    /// <summary>Floor for a row's norm, so an all-zero row stays zero instead of becoming NaN.</summary>
    public const float MinRowNorm = 1e-12f;

    /// <summary>Added to each column's std, so constant columns map to 0 instead of dividing by zero.</summary>
    public const float StdEpsilon = 1e-6f;

    /// <summary>Scales each row to unit Euclidean length: x / max(||x||, 1e-12).</summary>
    public static void NormalizeRowsL2(Span<float> values, int columns)
    {
        int rows = RowCount(values, columns);
        for (int r = 0; r < rows; r++)
        {
            var row = values.Slice(r * columns, columns);
            TensorPrimitives.Divide(row, MathF.Max(TensorPrimitives.Norm(row), MinRowNorm), row);
        }
    }

    public static void NormalizeRowsL2(FeatureMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        NormalizeRowsL2(matrix.Values, matrix.Columns);
    }

    /// <summary>Mean and population std of each column, from at least one row.</summary>
    public static ColumnStatistics ComputeColumnStatistics(ReadOnlySpan<float> values, int columns)
    {
        int rows = RowCount(values, columns);
        if (rows == 0)
        {
            throw new ArgumentException("Column statistics need at least one row.", nameof(values));
        }

        // Sums run in double: 60000 float additions per column would lose about three digits.
        var sum = new double[columns];
        var widened = new double[columns];
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.ConvertChecked<float, double>(values.Slice(r * columns, columns), widened);
            TensorPrimitives.Add(sum, widened, sum);
        }

        var mean = new double[columns];
        TensorPrimitives.Divide(sum, rows, mean);
        var meanAsFloat = new float[columns];
        TensorPrimitives.ConvertTruncating<double, float>(mean, meanAsFloat);

        // A second pass over the centred values, rather than E[x^2] - E[x]^2, which cancels catastrophically.
        var sumOfSquares = new double[columns];
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.ConvertChecked<float, double>(values.Slice(r * columns, columns), widened);
            TensorPrimitives.Subtract(widened, mean, widened);
            TensorPrimitives.MultiplyAdd(widened, widened, sumOfSquares, sumOfSquares);
        }

        var std = new double[columns];
        TensorPrimitives.Divide(sumOfSquares, rows, std);
        TensorPrimitives.Sqrt(std, std);
        var stdAsFloat = new float[columns];
        TensorPrimitives.ConvertTruncating<double, float>(std, stdAsFloat);
        return new ColumnStatistics(meanAsFloat, stdAsFloat);
    }

    /// <summary>Replaces each value by (x - mean) / (std + 1e-6) of its column.</summary>
    public static void Standardize(Span<float> values, int columns, ColumnStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        int rows = RowCount(values, columns);
        if (statistics.Columns != columns)
        {
            throw new ArgumentException(
                $"Statistics are for {statistics.Columns} columns but the matrix has {columns}.", nameof(statistics));
        }

        var divisor = new float[columns];
        TensorPrimitives.Add(statistics.Std, StdEpsilon, divisor);
        for (int r = 0; r < rows; r++)
        {
            var row = values.Slice(r * columns, columns);
            TensorPrimitives.Subtract(row, statistics.Mean, row);
            TensorPrimitives.Divide(row, divisor, row);
        }
    }

    /// <summary>
    /// Standardises both splits in place with statistics of <paramref name="train"/> only (computed before
    /// either is changed), and returns those statistics so later data can be scaled the same way.
    /// </summary>
    public static ColumnStatistics StandardizeWithTrainStatistics(FeatureMatrix train, FeatureMatrix test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.Columns != test.Columns)
        {
            throw new ArgumentException($"Train has {train.Columns} columns but test has {test.Columns}.", nameof(test));
        }

        var statistics = ComputeColumnStatistics(train.Values, train.Columns);
        Standardize(train.Values, train.Columns, statistics);
        Standardize(test.Values, test.Columns, statistics);
        return statistics;
    }

    /// <summary>
    /// Standardises both splits with the train split's column statistics, then scales every row to unit
    /// length: rows of norm 1 like the paper's L2-normalised image features, but centred per pixel, so two
    /// images' features differ by their contrast rather than sharing one dominant mean direction.
    /// </summary>
    public static ColumnStatistics StandardizeThenNormalizeRowsL2(FeatureMatrix train, FeatureMatrix test)
    {
        var statistics = StandardizeWithTrainStatistics(train, test);
        NormalizeRowsL2(train);
        NormalizeRowsL2(test);
        return statistics;
    }

    /// <summary>Multiplies every value by <paramref name="factor"/>: unit rows become rows of that length.</summary>
    public static void Scale(FeatureMatrix matrix, float factor)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        TensorPrimitives.Multiply(matrix.Values, factor, matrix.Values);
    }

    private static int RowCount(ReadOnlySpan<float> values, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (values.Length % columns != 0)
        {
            throw new ArgumentException(
                $"{values.Length} values do not split into rows of {columns} columns.", nameof(values));
        }

        return values.Length / columns;
    }
}
