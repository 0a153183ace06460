using AgentLab.Numerics;

namespace AgentLab.Tests.Numerics;

/// <summary>Φ, log Φ, φ/Φ and Φ⁻¹ against reference values and their own identities.</summary>
public class StandardNormalTests
{
    // Φ(x) = erfc(−x/√2)/2 from Python's math.erfc (double).
    [Theory]
    [InlineData(-37.5, 4.605353009582584e-308)]
    [InlineData(-20, 2.7536241186063314e-89)]
    [InlineData(-8, 6.220960574271819e-16)]
    [InlineData(-5, 2.866515718791946e-07)]
    [InlineData(-3.5, 0.00023262907903552504)]
    [InlineData(-3, 0.0013498980316300957)]
    [InlineData(-2.999, 0.0013543365337271066)]
    [InlineData(-1.7, 0.044565462758543076)]
    [InlineData(-0.3, 0.3820885778110474)]
    [InlineData(0, 0.5)]
    [InlineData(0.4, 0.6554217416103242)]
    [InlineData(1.2, 0.8849303297782917)]
    [InlineData(2.9999, 0.998649658717045)]
    [InlineData(3, 0.9986501019683699)]
    [InlineData(4.5, 0.9999966023268753)]
    [InlineData(8, 0.9999999999999993)]
    public void Cdf_and_its_log_match_reference_values(double x, double expected)
    {
        // Relative accuracy everywhere; the series branch (|x| < 3) loses a few digits to cancellation at 3.
        Assert.True(Math.Abs(StandardNormal.Cdf(x) - expected) <= 2e-13 * expected, $"Φ({x}) = {StandardNormal.Cdf(x):R}");
        Assert.True(Math.Abs(StandardNormal.LogCdf(x) - Math.Log(expected)) <= 2e-13 * Math.Max(1, Math.Abs(Math.Log(expected))),
            $"log Φ({x}) = {StandardNormal.LogCdf(x):R}");
    }

    [Fact]
    public void Log_cdf_stays_finite_and_asymptotic_where_the_cdf_underflows()
    {
        foreach (double x in new[] { -40.0, -100.0, -1e4 })
        {
            // log Φ(x) = log φ(x) − log|x| + log(1 − 1/x² + 3/x⁴ − 15/x⁶ + …) for x → −∞.
            double z2 = x * x;
            double asymptotic = StandardNormal.LogPdf(x) - Math.Log(-x) + Math.Log(1 - 1 / z2 + 3 / (z2 * z2) - 15 / (z2 * z2 * z2));
            Assert.True(Math.Abs(StandardNormal.LogCdf(x) - asymptotic) <= 1e-12 * Math.Abs(asymptotic), $"log Φ({x})");
        }
        Assert.Equal(0.0, StandardNormal.Cdf(-40));
        // The upper side keeps the tiny deficit 1 − Φ(x) that Cdf cannot show.
        Assert.True(Math.Abs(StandardNormal.LogCdf(9) + 1.1285884059538422e-19) < 1e-31);
    }

    [Theory]
    [InlineData(-45.0)]
    [InlineData(-6.0)]
    [InlineData(-3.0)]
    [InlineData(-1.0)]
    [InlineData(0.5)]
    [InlineData(7.0)]
    public void Inverse_mills_ratio_is_the_derivative_of_log_cdf(double x)
    {
        const double h = 1e-5;
        double numeric = (StandardNormal.LogCdf(x + h) - StandardNormal.LogCdf(x - h)) / (2 * h);
        double lambda = StandardNormal.InverseMillsRatio(x);
        Assert.True(Math.Abs(numeric - lambda) <= 1e-7 * Math.Max(1, Math.Abs(lambda)), $"λ({x}) = {lambda:R}, numeric {numeric:R}");
    }

    // Φ⁻¹ from Python's statistics.NormalDist().inv_cdf (Wichura's AS241).
    [Theory]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(0.001, -3.090232306167813)]
    [InlineData(0.02425, -1.9729610513118845)]
    [InlineData(0.3, -0.5244005127080407)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.9, 1.2815515655446008)]
    [InlineData(0.975, 1.9599639845400536)]
    [InlineData(0.999999, 4.753424308817089)]
    public void Quantile_matches_reference_values(double p, double expected) =>
        Assert.True(Math.Abs(StandardNormal.Quantile(p) - expected) <= 1e-13 * Math.Max(1, Math.Abs(expected)), $"Φ⁻¹({p}) = {StandardNormal.Quantile(p):R}");

    [Fact]
    public void Quantile_inverts_the_cdf_from_the_far_tail_to_the_centre()
    {
        foreach (double p in new[] { 1e-300, 1e-100, 1e-20, 1e-5, 0.01, 0.2, 0.5, 0.77, 0.99, 1 - 1e-9 })
        {
            double x = StandardNormal.Quantile(p);
            double back = StandardNormal.Cdf(x);
            Assert.True(Math.Abs(back - p) <= 1e-13 * Math.Min(p, 1 - p) + 1e-16, $"Φ(Φ⁻¹({p})) = {back:R}");
        }
        Assert.Equal(double.NegativeInfinity, StandardNormal.Quantile(0));
        Assert.Equal(double.PositiveInfinity, StandardNormal.Quantile(1));
        Assert.True(double.IsNaN(StandardNormal.Quantile(1.5)));
    }
}
