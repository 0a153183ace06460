using AgentLab.Games.Data;

namespace AgentLab.Games.Tests.Data;

public sealed class FeatureNormalizationTests
{
    private static float[] RandomValues(int count, int seed, double offset = 0, double scale = 1)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(offset + scale * (random.NextDouble() * 2 - 1));
        }

        return values;
    }

    private static (double Mean, double Std) ColumnMoments(float[] values, int columns, int column)
    {
        int rows = values.Length / columns;
        double mean = Enumerable.Range(0, rows).Average(r => (double)values[r * columns + column]);
        double variance = Enumerable.Range(0, rows).Average(r => Math.Pow(values[r * columns + column] - mean, 2));
        return (mean, Math.Sqrt(variance));
    }

    [Fact]
    public void L2_rows_have_unit_norm_and_keep_their_direction()
    {
        const int columns = 37;
        var values = RandomValues(50 * columns, seed: 1, scale: 30);
        var original = (float[])values.Clone();

        FeatureNormalization.NormalizeRowsL2(values, columns);

        for (int r = 0; r < 50; r++)
        {
            var row = values.AsSpan(r * columns, columns);
            double norm = Math.Sqrt(row.ToArray().Sum(v => (double)v * v));
            Assert.Equal(1.0, norm, tolerance: 1e-6);

            double originalNorm = Math.Sqrt(original.AsSpan(r * columns, columns).ToArray().Sum(v => (double)v * v));
            for (int c = 0; c < columns; c++)
            {
                Assert.Equal(original[r * columns + c] / originalNorm, row[c], tolerance: 1e-6);
            }
        }
    }

    [Fact]
    public void L2_zero_row_stays_zero_and_tiny_row_stays_finite()
    {
        float[] values = [0, 0, 0, 3, 4, 0, 1e-30f, 0, 0];

        FeatureNormalization.NormalizeRowsL2(values, columns: 3);

        Assert.Equal([0f, 0f, 0f], values[..3]);
        Assert.Equal([0.6f, 0.8f, 0f], values[3..6]);
        Assert.All(values, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1e-30f / 1e-12f, values[6], 1e-25f);
    }

    [Fact]
    public void L2_works_on_a_feature_matrix()
    {
        var matrix = new FeatureMatrix(2, 2, [3, 4, 0, 2]);

        FeatureNormalization.NormalizeRowsL2(matrix);

        Assert.Equal([0.6f, 0.8f, 0f, 1f], matrix.Values);
    }

    [Fact]
    public void Statistics_use_the_population_std()
    {
        float[] values = [1, 10, 3, 10];

        var statistics = FeatureNormalization.ComputeColumnStatistics(values, columns: 2);

        Assert.Equal([2f, 10f], statistics.Mean);
        Assert.Equal([1f, 0f], statistics.Std);
    }

    [Fact]
    public void Statistics_match_a_double_precision_reference()
    {
        const int columns = 13;
        var values = RandomValues(4000 * columns, seed: 2, offset: 0.5, scale: 0.5);

        var statistics = FeatureNormalization.ComputeColumnStatistics(values, columns);

        for (int c = 0; c < columns; c++)
        {
            var (mean, std) = ColumnMoments(values, columns, c);
            Assert.Equal(mean, statistics.Mean[c], tolerance: 1e-6);
            Assert.Equal(std, statistics.Std[c], tolerance: 1e-6);
        }
    }

    [Fact]
    public void Standardized_train_columns_have_mean_zero_and_std_one()
    {
        const int columns = 20;
        var train = new FeatureMatrix(3000, columns, RandomValues(3000 * columns, seed: 3, offset: 0.3, scale: 0.2));
        var test = new FeatureMatrix(500, columns, RandomValues(500 * columns, seed: 4, offset: 0.3, scale: 0.2));

        FeatureNormalization.StandardizeWithTrainStatistics(train, test);

        for (int c = 0; c < columns; c++)
        {
            var (mean, std) = ColumnMoments(train.Values, columns, c);
            Assert.Equal(0.0, mean, tolerance: 1e-5);
            Assert.Equal(1.0, std, tolerance: 1e-4);
        }
    }

    [Fact]
    public void Test_split_is_scaled_with_the_train_statistics_not_its_own()
    {
        // Train column: 0 and 2 (mean 1, std 1). Test values 1 and 3 must become 0 and ~2, not -1 and 1.
        var train = new FeatureMatrix(2, 1, [0, 2]);
        var test = new FeatureMatrix(2, 1, [1, 3]);

        var statistics = FeatureNormalization.StandardizeWithTrainStatistics(train, test);

        Assert.Equal(1f, statistics.Mean[0]);
        Assert.Equal(1f, statistics.Std[0]);
        Assert.Equal(0f, test.Values[0]);
        Assert.Equal(2f / (1f + FeatureNormalization.StdEpsilon), test.Values[1]);
        Assert.Equal(-1f / (1f + FeatureNormalization.StdEpsilon), train.Values[0]);
    }

    [Fact]
    public void Standardize_then_l2_gives_unit_rows_in_the_direction_of_the_standardized_row()
    {
        const int columns = 20;
        var train = new FeatureMatrix(400, columns, RandomValues(400 * columns, seed: 5, offset: 0.3, scale: 0.2));
        var test = new FeatureMatrix(50, columns, RandomValues(50 * columns, seed: 6, offset: 0.3, scale: 0.2));
        var standardizedTest = new FeatureMatrix(50, columns, (float[])test.Values.Clone());
        var expectedStatistics = FeatureNormalization.ComputeColumnStatistics(train.Values, columns);
        FeatureNormalization.Standardize(standardizedTest.Values, columns, expectedStatistics);

        var statistics = FeatureNormalization.StandardizeThenNormalizeRowsL2(train, test);

        Assert.Equal(expectedStatistics.Mean, statistics.Mean);
        Assert.Equal(expectedStatistics.Std, statistics.Std);
        foreach (var matrix in new[] { train, test })
        {
            for (int r = 0; r < matrix.Rows; r++)
            {
                double norm = Math.Sqrt(matrix.Values.AsSpan(r * columns, columns).ToArray().Sum(v => (double)v * v));
                Assert.Equal(1.0, norm, tolerance: 1e-5);
            }
        }

        // The test split is standardised with the train statistics, then scaled to length 1.
        for (int r = 0; r < test.Rows; r++)
        {
            var standardized = standardizedTest.Values.AsSpan(r * columns, columns).ToArray();
            double norm = Math.Sqrt(standardized.Sum(v => (double)v * v));
            for (int c = 0; c < columns; c++)
                Assert.Equal(standardized[c] / norm, test.Values[r * columns + c], tolerance: 1e-6);
        }

        // Unit length but still centred: each train column's mean stays near 0, unlike plain L2 of raw values.
        for (int c = 0; c < columns; c++)
            Assert.Equal(0.0, ColumnMoments(train.Values, columns, c).Mean, tolerance: 0.02);
    }

    [Fact]
    public void Constant_columns_and_zero_rows_become_zero_not_nan()
    {
        // Column 1 is constant (an always-black pixel); row 2 is all zeros.
        var train = new FeatureMatrix(3, 2, [0.5f, 0, 1, 0, 0, 0]);
        var test = new FeatureMatrix(1, 2, [0, 0]);

        FeatureNormalization.StandardizeWithTrainStatistics(train, test);

        Assert.All(train.Values, v => Assert.True(float.IsFinite(v)));
        Assert.Equal([0f, 0f, 0f], new[] { train.Values[1], train.Values[3], train.Values[5] });
        Assert.Equal(0f, test.Values[1]);
    }

    [Fact]
    public void Shape_mismatches_are_argument_errors()
    {
        Assert.Throws<ArgumentException>(() => FeatureNormalization.NormalizeRowsL2(new float[5], columns: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureNormalization.NormalizeRowsL2(new float[4], columns: 0));
        Assert.Throws<ArgumentException>(() => FeatureNormalization.ComputeColumnStatistics([], columns: 3));

        var statistics = FeatureNormalization.ComputeColumnStatistics(new float[6], columns: 3);
        Assert.Throws<ArgumentException>(() => FeatureNormalization.Standardize(new float[4], columns: 2, statistics));
        Assert.Throws<ArgumentException>(() => FeatureNormalization.StandardizeWithTrainStatistics(
            new FeatureMatrix(1, 3, new float[3]), new FeatureMatrix(1, 2, new float[2])));
    }
}
