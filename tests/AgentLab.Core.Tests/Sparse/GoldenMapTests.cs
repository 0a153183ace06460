using static AgentLab.Tests.Sparse.GoldenRunner;

namespace AgentLab.Tests.Sparse;

/// <summary>
/// Every golden case of the map ops (forward y, support size, VJP, τ, and ∂/∂α for entmax_bisect), in double
/// against the float64 references and in float32. Tolerances are documented in data/golden/README.md.
/// </summary>
public class GoldenMapTests
{
    public static TheoryData<string> SoftmaxCases => GoldenTransforms.IdsOf("softmax");
    public static TheoryData<string> SparsemaxCases => GoldenTransforms.IdsOf("sparsemax");
    public static TheoryData<string> Entmax15Cases => GoldenTransforms.IdsOf("entmax15");
    public static TheoryData<string> EntmaxBisectCases => GoldenTransforms.IdsOf("entmax_bisect");
    public static TheoryData<string> NormmaxBisectCases => GoldenTransforms.IdsOf("normmax_bisect");

    [Theory, MemberData(nameof(SoftmaxCases))]
    public void Softmax_double(string id) => CheckDouble(id);

    [Theory, MemberData(nameof(SoftmaxCases))]
    public void Softmax_float(string id) => CheckFloat(id);

    [Theory, MemberData(nameof(SparsemaxCases))]
    public void Sparsemax_double(string id) => CheckDouble(id);

    [Theory, MemberData(nameof(SparsemaxCases))]
    public void Sparsemax_float(string id) => CheckFloat(id);

    [Theory, MemberData(nameof(Entmax15Cases))]
    public void Entmax15_double(string id) => CheckDouble(id);

    [Theory, MemberData(nameof(Entmax15Cases))]
    public void Entmax15_float(string id) => CheckFloat(id);

    [Theory, MemberData(nameof(EntmaxBisectCases))]
    public void EntmaxBisect_double(string id) => CheckDouble(id);

    [Theory, MemberData(nameof(EntmaxBisectCases))]
    public void EntmaxBisect_float(string id) => CheckFloat(id);

    [Theory, MemberData(nameof(NormmaxBisectCases))]
    public void NormmaxBisect_double(string id) => CheckDouble(id);

    [Theory, MemberData(nameof(NormmaxBisectCases))]
    public void NormmaxBisect_float(string id) => CheckFloat(id);

    /// <summary>1e-12 (absolute + relative) for the closed forms, 1e-9 for bisection (50 iterations here, 100 in the goldens).</summary>
    private static void CheckDouble(string id)
    {
        var c = GoldenTransforms.Get(id);
        var o = RunMap<double>(c);
        double tol = c.Op.EndsWith("_bisect", StringComparison.Ordinal) ? 1e-9 : 1e-12;
        Expect.Close(c.Y!, o.Y, tol, tol, "y");
        Assert.Equal(c.SupportSize, o.SupportSize);
        Expect.Close(c.Vjp!, o.Vjp, tol, tol, "vjp");
        if (c.Tau is double tau) Expect.Close(tau, o.Tau, tol, tol, "tau");
        if (c.DAlpha is double dAlpha) Expect.Close(dAlpha, o.DAlpha, tol, tol, "d_alpha");
    }

    /// <summary>
    /// 1e-5 absolute + 1e-5 relative, plus a slack proportional to how far rounding the input to float already
    /// moves s = x/T (<see cref="GoldenRunner.InputRounding{T}"/>): negligible for ordinary inputs, but the
    /// 1e6-offset cases cannot be represented in float (ulp 0.0625), so no float code can meet 1e-5 there.
    /// Those cases are additionally checked at 1e-5 against the double kernels run on the float-rounded input.
    /// </summary>
    private static void CheckFloat(string id)
    {
        var c = GoldenTransforms.Get(id);
        var o = RunMap<float>(c);
        double inputError = InputRounding<float>(c.X, c.Temperature);
        double gradScale = Math.Max(1, c.Cotangent!.Max(Math.Abs)) / c.Temperature;
        double slack = 4 * inputError;
        Expect.Close(c.Y!, o.Y, 1e-5 + slack, 1e-5, "y");
        Expect.Close(c.Vjp!, o.Vjp, (1e-5 + slack) * gradScale, 1e-5, "vjp");
        if (c.Tau is double tau) Expect.Close(tau, o.Tau, 1e-5 + slack, 1e-5, "tau");
        if (c.DAlpha is double dAlpha) Expect.Close(dAlpha, o.DAlpha, 1e-5 + slack, 1e-5, "d_alpha");
        // Softmax has no structural zeros: its float support also counts exp underflow, so only sparse maps compare it.
        if (c.Op != "softmax" && inputError < 1e-6) Assert.Equal(c.SupportSize, o.SupportSize);

        if (inputError >= 1e-6)
        {
            // Same computation on the float-rounded input in double: the float kernel must match it to 1e-5.
            var rounded = c with { X = c.X.Select(v => (double)(float)v).ToArray() };
            var reference = RunMap<double>(rounded);
            Expect.Close(reference.Y, o.Y, 1e-5, 1e-5, "y vs double on rounded input");
            Expect.Close(reference.Vjp, o.Vjp, 1e-5 * gradScale, 1e-5, "vjp vs double on rounded input");
            if (c.Op != "softmax") Assert.Equal(reference.SupportSize, o.SupportSize);
        }
    }
}
