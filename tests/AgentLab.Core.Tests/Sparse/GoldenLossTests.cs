using static AgentLab.Tests.Sparse.GoldenRunner;

namespace AgentLab.Tests.Sparse;

/// <summary>Every golden Fenchel–Young loss case: loss, p*, and grad = p* − onehot(target).</summary>
public class GoldenLossTests
{
    public static TheoryData<string> SoftmaxCases => GoldenTransforms.IdsOf("softmax_ce");
    public static TheoryData<string> SparsemaxCases => GoldenTransforms.IdsOf("sparsemax_loss");
    public static TheoryData<string> Entmax15Cases => GoldenTransforms.IdsOf("entmax15_loss");
    public static TheoryData<string> EntmaxBisectCases => GoldenTransforms.IdsOf("entmax_bisect_loss");
    public static TheoryData<string> NormmaxBisectCases => GoldenTransforms.IdsOf("normmax_bisect_loss");

    [Theory, MemberData(nameof(SoftmaxCases))]
    public void SoftmaxCrossEntropy_double(string id) => Check<double>(id);

    [Theory, MemberData(nameof(SoftmaxCases))]
    public void SoftmaxCrossEntropy_float(string id) => Check<float>(id);

    [Theory, MemberData(nameof(SparsemaxCases))]
    public void SparsemaxLoss_double(string id) => Check<double>(id);

    [Theory, MemberData(nameof(SparsemaxCases))]
    public void SparsemaxLoss_float(string id) => Check<float>(id);

    [Theory, MemberData(nameof(Entmax15Cases))]
    public void Entmax15Loss_double(string id) => Check<double>(id);

    [Theory, MemberData(nameof(Entmax15Cases))]
    public void Entmax15Loss_float(string id) => Check<float>(id);

    [Theory, MemberData(nameof(EntmaxBisectCases))]
    public void EntmaxBisectLoss_double(string id) => Check<double>(id);

    [Theory, MemberData(nameof(EntmaxBisectCases))]
    public void EntmaxBisectLoss_float(string id) => Check<float>(id);

    [Theory, MemberData(nameof(NormmaxBisectCases))]
    public void NormmaxBisectLoss_double(string id) => Check<double>(id);

    [Theory, MemberData(nameof(NormmaxBisectCases))]
    public void NormmaxBisectLoss_float(string id) => Check<float>(id);

    /// <summary>double: 1e-12 closed forms, 1e-9 bisection; float: 1e-5 (inputs are ordinary, |x| &lt; 3).</summary>
    private static void Check<T>(string id) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var c = GoldenTransforms.Get(id);
        var o = RunLoss<T>(c);
        double tol = typeof(T) == typeof(float) ? 1e-5 : c.Op.Contains("bisect", StringComparison.Ordinal) ? 1e-9 : 1e-12;
        Expect.Close(c.Loss!.Value, o.Loss, tol, tol, "loss");
        Expect.Close(c.PStar!, o.PStar, tol, tol, "p_star");
        Expect.Close(c.Grad!, o.Grad, tol, tol, "grad");
        Assert.True(o.Loss >= 0, "a Fenchel-Young loss is never negative");
    }
}
