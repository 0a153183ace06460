using AgentLab.Telemetry.Reports;
using AgentLab.Telemetry.Tests.Runs;

namespace AgentLab.Telemetry.Tests.Reports;

public sealed class SeedAveragedCurveTests
{
    [Fact]
    public void AveragesTheSeedsAtEachStep_SkippingNaN_AndCountingARepeatedStepOnce()
    {
        var seedA = new[] { Samples.Point(100, 0.2), Samples.Point(200, 0.4), Samples.Point(200, 0.6) };
        var seedB = new[] { Samples.Point(100, 0.4), Samples.Point(200, double.NaN), Samples.Point(300, double.NaN) };

        var curve = SeedAveragedCurve.Of([seedA, seedB], point => point.Success);

        Assert.Equal([100.0, 200.0, 300.0], curve.Select(p => p.X));
        Assert.Equal(0.3, curve[0].Y, 12);
        Assert.Equal(0.6, curve[1].Y, 12);
        Assert.True(double.IsNaN(curve[2].Y));
    }

    [Fact]
    public void AnOptionalFigure_OnlyContributesWhereLogged()
    {
        var seed = new[] { Samples.Point(100) with { ValidationSuccess = 0.5 }, Samples.Point(200) };

        var curve = SeedAveragedCurve.Of([seed], point => point.ValidationSuccess);

        Assert.Equal(100.0, Assert.Single(curve).X);
    }
}
