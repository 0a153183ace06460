using AgentLab.Telemetry.Plotting;

namespace AgentLab.Telemetry.Tests.Plotting;

public sealed class AxisScaleTests
{
    [Fact]
    public void Linear_WidensToRoundTicks()
    {
        var axis = AxisScale.Fit(ScaleKind.Linear, [0.13, 0.87], new AxisRange(0, 1));

        Assert.Equal(0, axis.Min);
        Assert.Equal(1, axis.Max);
        Assert.Equal([0, 0.2, 0.4, 0.6000000000000001, 0.8, 1], axis.Ticks);
        Assert.Equal(0.5, axis.Fraction(0.5), 12);
    }

    [Fact]
    public void Linear_CopesWithOneValue_NoValue_AndNonFiniteValues()
    {
        var single = AxisScale.Fit(ScaleKind.Linear, [5, double.NaN, double.PositiveInfinity], null);
        var none = AxisScale.Fit(ScaleKind.Linear, [], null);

        Assert.True(single.Min < 5 && single.Max > 5);
        Assert.Equal((0.0, 1.0), (none.Min, none.Max));
        Assert.True(none.Ticks.Count >= 2);
    }

    [Fact]
    public void Log_SpansWholeDecades_AndSkipsNonPositiveValues()
    {
        var axis = AxisScale.Fit(ScaleKind.Log, [0, -3, 1.5, 2.5, 256], null);

        Assert.Equal(1, axis.Min);
        Assert.Equal(1000, axis.Max);
        Assert.Equal([1, 10, 100, 1000], axis.Ticks);
        Assert.False(axis.CanShow(0));
        Assert.Equal(2.0 / 3.0, axis.Fraction(100), 12);
        Assert.Equal(0, axis.ClampedFraction(-1));
    }

    [Fact]
    public void Log_KeepsAValueOnAPowerOfTen_OffTheFrame()
    {
        var axis = AxisScale.Fit(ScaleKind.Log, [1, 256], null);

        Assert.Equal(0.1, axis.Min, 15);
        Assert.True(axis.Fraction(1) > 0);
    }

    [Fact]
    public void Log_AddsTwoAndFiveTimes_WhenFewDecades_AndThinsManyDecades()
    {
        Assert.Equal([10, 20, 50, 100], AxisScale.Fit(ScaleKind.Log, [15, 80], null).Ticks);
        Assert.Equal([10, 20, 50, 100], AxisScale.Fit(ScaleKind.Log, [20], null).Ticks);
        Assert.True(AxisScale.Fit(ScaleKind.Log, [1e-20, 1e20], null).Ticks.Count <= 9);
    }

    [Theory]
    [InlineData(1.0, 5, 0.2)]
    [InlineData(7.0, 5, 2.0)]
    [InlineData(300.0, 5, 100.0)]
    [InlineData(0.03, 5, 0.01)]
    public void NiceStep_IsOneTwoOrFiveTimesAPowerOfTen(double range, int count, double expected) =>
        Assert.Equal(expected, TickValues.NiceStep(range, count), 12);
}
