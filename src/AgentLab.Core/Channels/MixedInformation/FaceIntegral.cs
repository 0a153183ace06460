using AgentLab.Numerics;

namespace AgentLab.Channels.MixedInformation;

/// <summary>
/// log I with I = ∫ φ_s(t − m) ∏_j Φ((t − c_j)/σ) dt = E_{t~N(m, s²)}[∏_j Φ((t − c_j)/σ)], the 1-D integral
/// inside the Gaussian-Sparsemax density (docs/ALGORITHMS.md §8.4): m, s come from the face's coordinates
/// and the cuts c_j are the logits of the coordinates off the face. Everything runs in log space, so
/// hundreds of Φ factors close to 0 do not underflow.
/// </summary>
public static class FaceIntegral
{
    /// <summary>Quadrature nodes of either rule.</summary>
    public const int Nodes = 100;

    /// <summary>The adaptive rule keeps the interval where the integrand is within e^−Drop of its maximum.</summary>
    private const double Drop = 40;

    private static readonly double[] InverseNormalMidpoints = BuildInverseNormalMidpoints();

    public static double Log(double m, double s, double sigma, ReadOnlySpan<double> cuts, FaceIntegralRule rule = FaceIntegralRule.AdaptiveTrapezoid)
    {
        if (!(s > 0) || !(sigma > 0)) throw new ArgumentOutOfRangeException(nameof(s), "scales must be positive");
        if (cuts.IsEmpty) return 0; // a full face: the integrand is the normal density, I = 1
        return rule == FaceIntegralRule.AdaptiveTrapezoid ? LogAdaptive(m, s, sigma, cuts) : LogInverseNormal(m, s, sigma, cuts);
    }

    /// <summary>log of the integrand: log φ_s(t − m) + Σ log Φ((t − c_j)/σ).</summary>
    private static double LogIntegrand(double t, double m, double s, double sigma, ReadOnlySpan<double> cuts)
    {
        double sum = StandardNormal.LogPdf((t - m) / s) - Math.Log(s);
        foreach (double c in cuts) sum += StandardNormal.LogCdf((t - c) / sigma);
        return sum;
    }

    private static double LogAdaptive(double m, double s, double sigma, ReadOnlySpan<double> cuts)
    {
        double mode = Mode(m, s, sigma, cuts, out double curvature);
        double peak = LogIntegrand(mode, m, s, sigma, cuts);
        double width = 1 / Math.Sqrt(curvature); // the Laplace scale at the mode
        double left = mode - Reach(-1, mode, peak, width, m, s, sigma, cuts);
        double right = mode + Reach(+1, mode, peak, width, m, s, sigma, cuts);
        double h = (right - left) / (Nodes - 1);
        Span<double> logValues = stackalloc double[Nodes];
        for (int k = 0; k < Nodes; k++)
        {
            logValues[k] = LogIntegrand(left + k * h, m, s, sigma, cuts);
            if (k == 0 || k == Nodes - 1) logValues[k] -= Math.Log(2);
        }
        return LogSumExpOf(logValues) + Math.Log(h);
    }

    /// <summary>
    /// The maximiser of the (concave) log integrand by Newton's method inside a bracket that always holds
    /// it: the derivative −(t − m)/s² + Σ λ((t − c_j)/σ)/σ is positive at m (λ = φ/Φ &gt; 0) and decreasing.
    /// Returns the negated second derivative there.
    /// </summary>
    private static double Mode(double m, double s, double sigma, ReadOnlySpan<double> cuts, out double curvature)
    {
        double low = m, step = s;
        double high = m + step;
        while (Slope(high, m, s, sigma, cuts, out _) > 0) { low = high; step *= 2; high = m + step; }
        double t = 0.5 * (low + high);
        for (int iteration = 0; iteration < 100; iteration++)
        {
            double slope = Slope(t, m, s, sigma, cuts, out double second);
            if (slope > 0) low = t; else high = t;
            double next = t - slope / second;
            if (!(next > low && next < high)) next = 0.5 * (low + high);
            bool converged = Math.Abs(next - t) <= 1e-9 * s;
            t = next;
            if (converged || high - low <= 1e-12 * s) break;
        }
        Slope(t, m, s, sigma, cuts, out double final);
        curvature = -final;
        return t;
    }

    /// <summary>First and second derivative of the log integrand (λ' = −λ(x + λ)).</summary>
    private static double Slope(double t, double m, double s, double sigma, ReadOnlySpan<double> cuts, out double second)
    {
        double first = -(t - m) / (s * s);
        second = -1 / (s * s);
        foreach (double c in cuts)
        {
            double x = (t - c) / sigma;
            double lambda = StandardNormal.InverseMillsRatio(x);
            first += lambda / sigma;
            second -= lambda * (x + lambda) / (sigma * sigma);
        }
        return first;
    }

    /// <summary>
    /// How far from the mode (in direction <paramref name="direction"/>) the log integrand has fallen by
    /// <see cref="Drop"/>: doubling from the Laplace width, then a few bisection steps (keeping the far
    /// end, so the interval never cuts off more than e^−Drop of the peak).
    /// </summary>
    private static double Reach(int direction, double mode, double peak, double width, double m, double s, double sigma, ReadOnlySpan<double> cuts)
    {
        double near = 0, far = width;
        for (int i = 0; i < 200 && LogIntegrand(mode + direction * far, m, s, sigma, cuts) > peak - Drop; i++)
        {
            near = far;
            far *= 2;
        }
        for (int i = 0; i < 6; i++)
        {
            double middle = 0.5 * (near + far);
            if (LogIntegrand(mode + direction * middle, m, s, sigma, cuts) > peak - Drop) near = middle; else far = middle;
        }
        return far;
    }

    private static double LogInverseNormal(double m, double s, double sigma, ReadOnlySpan<double> cuts)
    {
        // Equal weights 1/N on the midpoints u_k = (k + ½)/N: the trapezoid rule in u with no endpoint nodes,
        // whose limits (g = 0 at u = 0, g = 1 at u = 1) would otherwise add a spurious ½·1/(N − 1).
        Span<double> logValues = stackalloc double[Nodes];
        for (int k = 0; k < Nodes; k++)
        {
            double t = m + s * InverseNormalMidpoints[k];
            double sum = 0;
            foreach (double c in cuts) sum += StandardNormal.LogCdf((t - c) / sigma);
            logValues[k] = sum;
        }
        return LogSumExpOf(logValues) - Math.Log(Nodes);
    }

    // Every log value is finite here (log Φ is finite for finite arguments), so the shared row kernel applies.
    private static double LogSumExpOf(ReadOnlySpan<double> logValues) => AgentLab.Sparse.Softmax.LogSumExp(logValues, 1.0);

    private static double[] BuildInverseNormalMidpoints()
    {
        var grid = new double[Nodes];
        for (int k = 0; k < Nodes; k++) grid[k] = StandardNormal.Quantile((k + 0.5) / Nodes);
        return grid;
    }
}
