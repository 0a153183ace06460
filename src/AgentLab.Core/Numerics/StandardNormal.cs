namespace AgentLab.Numerics;

/// <summary>
/// The standard normal distribution: density φ, distribution function Φ (and its logarithm, accurate far
/// into the lower tail), the inverse Mills ratio φ/Φ, and the quantile Φ⁻¹, all in double. .NET has no
/// erf, so Φ is computed here from two classical expansions of the upper tail Q(z) = Φ(−z), z ≥ 0:
/// <list type="bullet">
/// <item>z &lt; 3: Q(z) = ½ − φ(z)·Σₙ z^(2n+1)/(1·3·5···(2n+1)) (the Taylor series of Φ − ½; at most ~35
/// terms, relative error ≲ 1e-13 at z = 3 where the subtraction cancels most).</item>
/// <item>z ≥ 3: Q(z) = φ(z)·R(z) with Laplace's continued fraction for the Mills ratio,
/// R(z) = 1/(z + 1/(z + 2/(z + 3/(z + …)))), evaluated by the modified Lentz method (≤ ~55 levels at
/// z = 3, fewer further out). Relative error ≲ 1e-14 in the whole tail, so log Φ(x) stays accurate
/// at x = −40 where Φ itself underflows.</item>
/// </list>
/// </summary>
public static class StandardNormal
{
    private const double SeriesLimit = 3.0;
    private static readonly double LogSqrtTwoPi = 0.5 * Math.Log(2 * Math.PI);
    private static readonly double InverseSqrtTwoPi = 1 / Math.Sqrt(2 * Math.PI);

    /// <summary>φ(x) = exp(−x²/2)/√(2π).</summary>
    public static double Pdf(double x) => InverseSqrtTwoPi * Math.Exp(-0.5 * x * x);

    /// <summary>log φ(x), without underflow for large |x|.</summary>
    public static double LogPdf(double x) => -0.5 * x * x - LogSqrtTwoPi;

    /// <summary>Φ(x) = P(N(0,1) ≤ x).</summary>
    public static double Cdf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        return x < 0 ? UpperTail(-x) : 1 - UpperTail(x);
    }

    /// <summary>log Φ(x): through the Mills ratio in the lower tail (no underflow), log1p in the upper.</summary>
    public static double LogCdf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x <= -SeriesLimit) return LogPdf(x) + Math.Log(MillsRatio(-x));
        if (x < 0) return Math.Log(UpperTail(-x));
        return LogOneMinus(UpperTail(x));
    }

    /// <summary>
    /// λ(x) = φ(x)/Φ(x), the derivative of log Φ; ≈ −x for x → −∞ and → 0 for x → +∞.
    /// </summary>
    public static double InverseMillsRatio(double x)
    {
        if (x <= -SeriesLimit) return 1 / MillsRatio(-x);
        return Pdf(x) / Cdf(x);
    }

    /// <summary>
    /// Φ⁻¹(p) for p in [0, 1] (±∞ at the ends, NaN outside): P. J. Acklam's rational approximation
    /// (relative error ~1e-9) polished by two Halley steps on Φ, which bring it to double precision.
    /// </summary>
    public static double Quantile(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1) return double.NaN;
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        double x = AcklamQuantile(p);
        for (int step = 0; step < 2; step++)
        {
            // Halley's method on f(x) = Φ(x) − p: f' = φ, f'' = −xφ. Work on the smaller tail so the
            // residual keeps its relative precision when p is close to 1.
            double error = x < 0 ? Cdf(x) - p : (1 - p) - UpperTail(x);
            double ratio = error / Pdf(x);
            if (!double.IsFinite(ratio)) break;
            x -= ratio / (1 + 0.5 * x * ratio);
        }
        return x;
    }

    /// <summary>Q(z) = Φ(−z) for z ≥ 0.</summary>
    private static double UpperTail(double z)
    {
        if (z < SeriesLimit) return 0.5 - Pdf(z) * OddSeries(z);
        if (z > 40) return 0; // Q(40) ≈ 3.7e-350 underflows
        return Pdf(z) * MillsRatio(z);
    }

    /// <summary>Σₙ z^(2n+1)/(2n+1)!! (so that Φ(z) = ½ + φ(z)·this), summed until terms stop mattering.</summary>
    private static double OddSeries(double z)
    {
        double z2 = z * z, term = z, sum = z;
        for (int k = 1; k < 200; k++)
        {
            term *= z2 / (2 * k + 1);
            sum += term;
            if (term <= 1e-17 * sum) break;
        }
        return sum;
    }

    /// <summary>
    /// R(z) = Q(z)/φ(z) for z ≥ <see cref="SeriesLimit"/> by the modified Lentz evaluation of
    /// z + 1/(z + 2/(z + 3/(z + …))), whose reciprocal is R.
    /// </summary>
    private static double MillsRatio(double z)
    {
        if (double.IsPositiveInfinity(z)) return 0;
        const double Tiny = 1e-300;
        double f = z, c = z, d = 0;
        for (int n = 1; n < 1000; n++)
        {
            d = z + n * d;
            d = d == 0 ? 1 / Tiny : 1 / d;
            c = z + n / c;
            if (c == 0) c = Tiny;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return 1 / f;
    }

    /// <summary>log(1 − q) for q in [0, 1], accurate when q is tiny.</summary>
    private static double LogOneMinus(double q) => q < 0.5 ? LogOnePlus(-q) : Math.Log(1 - q);

    /// <summary>log(1 + v) for |v| ≤ ½, without losing the small v (Math has no log1p).</summary>
    private static double LogOnePlus(double v)
    {
        double u = 1 + v;
        // Classic correction: (u − 1) is exact, so log(u)·v/(u − 1) recovers the rounding of 1 + v.
        return u == 1 ? v : Math.Log(u) * v / (u - 1);
    }

    /// <summary>Acklam's algorithm: a rational function of p in the centre, of √(−2 log p) in the tails.</summary>
    private static double AcklamQuantile(double p)
    {
        const double Low = 0.02425, High = 1 - Low;
        if (p < Low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            return TailNumerator(q) / TailDenominator(q);
        }
        if (p > High)
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -TailNumerator(q) / TailDenominator(q);
        }
        double r = p - 0.5, r2 = r * r;
        double numerator = (((((-3.969683028665376e+01 * r2 + 2.209460984245205e+02) * r2 - 2.759285104469687e+02) * r2
            + 1.383577518672690e+02) * r2 - 3.066479806614716e+01) * r2 + 2.506628277459239e+00) * r;
        double denominator = ((((-5.447609879822406e+01 * r2 + 1.615858368580409e+02) * r2 - 1.556989798598866e+02) * r2
            + 6.680131188771972e+01) * r2 - 1.328068155288572e+01) * r2 + 1;
        return numerator / denominator;
    }

    private static double TailNumerator(double q) =>
        ((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q - 2.549732539343734e+00) * q
            + 4.374664141464968e+00) * q + 2.938163982698783e+00;

    private static double TailDenominator(double q) =>
        (((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q + 3.754408661907416e+00) * q + 1;
}
