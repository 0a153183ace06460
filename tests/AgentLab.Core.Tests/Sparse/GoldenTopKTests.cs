using static AgentLab.Tests.Sparse.GoldenRunner;

namespace AgentLab.Tests.Sparse;

/// <summary>Every golden top-k sparsemax bit-vector case: configurations (exact), scores, p, E[z], VJP.</summary>
public class GoldenTopKTests
{
    public static TheoryData<string> Cases => GoldenTransforms.IdsOf("topk_sparsemax_bitvector");

    /// <summary>1e-12 absolute + relative (config scores are sums of up to 256 terms of size ~1).</summary>
    [Theory, MemberData(nameof(Cases))]
    public void TopK_double(string id) => Check<double>(id, 1e-12);

    /// <summary>
    /// 1e-5 absolute + relative: p is computed from penalties (small exact sums), so it stays accurate in float
    /// even though the config scores themselves are ~100 (relative 1e-5 there).
    /// </summary>
    [Theory, MemberData(nameof(Cases))]
    public void TopK_float(string id) => Check<float>(id, 1e-5);

    private static void Check<T>(string id, double tol) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var c = GoldenTransforms.Get(id);
        var o = RunTopK<T>(c);
        Assert.Equal(c.Configs!, o.Configs);
        Expect.Close(c.ConfigScores!, o.ConfigScores, tol, tol, "config_scores");
        Expect.Close(c.P!, o.P, tol, tol, "p");
        Expect.Close(c.ExpectedBits!, o.ExpectedBits, tol, tol, "expected_bits");
        Expect.Close(c.Vjp!, o.Vjp, tol, tol, "vjp");
    }
}
