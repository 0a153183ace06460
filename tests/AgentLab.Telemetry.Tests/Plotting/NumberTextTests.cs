using AgentLab.Telemetry.Formatting;

namespace AgentLab.Telemetry.Tests.Plotting;

public sealed class NumberTextTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(0.85, "0.85")]
    [InlineData(0.05, "0.05")]
    [InlineData(0.6000000000000001, "0.6")]
    [InlineData(256.0, "256")]
    [InlineData(12345.6, "12346")]
    [InlineData(1.23456, "1.235")]
    [InlineData(0.00123456, "0.001235")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(2e6, "2e+6")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(double.NaN, "NaN")]
    public void Readable_KeepsFourSignificantDigits(double value, string expected) =>
        Assert.Equal(expected, NumberText.Readable(value));

    [Fact]
    public void Exact_RoundTrips()
    {
        double value = 0.1 + 0.2;
        Assert.Equal(value, double.Parse(NumberText.Exact(value), System.Globalization.CultureInfo.InvariantCulture));
    }
}
