using AgentLab.Telemetry.Reports;

namespace AgentLab.Telemetry.Tests.Reports;

public sealed class FigureStatisticsTests
{
    [Fact]
    public void TwoSeeds_MeanAndStandardError()
    {
        var statistics = FigureStatistics.Of([new(1, 0.8), new(2, 0.9)]);

        Assert.Equal(0.85, statistics.Mean, 12);
        Assert.Equal(0.05, statistics.StandardError, 12); // sample sd 0.0707.. over √2
        Assert.Equal(2, statistics.Count);
    }

    [Fact]
    public void TextbookSample_UsesTheSampleStandardDeviation()
    {
        double[] values = [2, 4, 4, 4, 5, 5, 7, 9];
        var statistics = FigureStatistics.Of(values.Select((v, i) => new SeedValue(i, v)).ToList());

        Assert.Equal(5, statistics.Mean, 12);
        Assert.Equal(Math.Sqrt(32.0 / 7.0) / Math.Sqrt(8), statistics.StandardError, 12);
        Assert.Equal(Math.Sqrt(4.0 / 7.0), statistics.StandardError, 12);
    }

    [Fact]
    public void OneSeed_HasZeroError()
    {
        var statistics = FigureStatistics.Of([new(7, 0.42)]);

        Assert.Equal(0.42, statistics.Mean);
        Assert.Equal(0, statistics.StandardError);
        Assert.Equal(1, statistics.Count);
    }

    [Fact]
    public void IdenticalValues_HaveExactlyZeroError()
    {
        var statistics = FigureStatistics.Of([new(1, 0.1), new(2, 0.1), new(3, 0.1)]);

        Assert.Equal(0, statistics.StandardError);
    }

    [Fact]
    public void ADivergedSeed_MakesTheFigureNaN_RatherThanVanish()
    {
        var statistics = FigureStatistics.Of([new(1, 0.8), new(2, double.NaN)]);

        Assert.True(double.IsNaN(statistics.Mean));
        Assert.True(double.IsNaN(statistics.StandardError));
    }

    [Fact]
    public void AllSeedsDiverged_IsNaNPlusMinusNaN()
    {
        var statistics = FigureStatistics.Of([new(1, double.NaN), new(2, double.NaN)]);

        Assert.True(double.IsNaN(statistics.Mean));
        Assert.True(double.IsNaN(statistics.StandardError));
    }

    [Fact]
    public void NoValues_IsAnError() => Assert.Throws<ArgumentException>(() => FigureStatistics.Of([]));
}
