using AgentLab.Sparse;
using static AgentLab.Tests.Sparse.GoldenRunner;

namespace AgentLab.Tests.Sparse;

/// <summary>
/// Golden partial-sort cases (initial k = 1, 3, 10 with doubling): the output must equal the golden full-sort
/// result, and our partial sort must equal our full sort bit for bit.
/// </summary>
public class GoldenPartialSortTests
{
    public static TheoryData<string> SparsemaxCases => GoldenTransforms.IdsOf("sparsemax_partial_sort");
    public static TheoryData<string> Entmax15Cases => GoldenTransforms.IdsOf("entmax15_partial_sort");

    [Theory, MemberData(nameof(SparsemaxCases))]
    public void Sparsemax_double(string id) => CheckDouble(id);

    [Theory, MemberData(nameof(SparsemaxCases))]
    public void Sparsemax_float(string id) => CheckFloat(id);

    [Theory, MemberData(nameof(Entmax15Cases))]
    public void Entmax15_double(string id) => CheckDouble(id);

    [Theory, MemberData(nameof(Entmax15Cases))]
    public void Entmax15_float(string id) => CheckFloat(id);

    private static void CheckDouble(string id)
    {
        var c = GoldenTransforms.Get(id);
        var (y, support) = RunPartialSort<double>(c);
        Expect.Close(c.Y!, y, 1e-12, 1e-12, "y");
        Assert.Equal(c.SupportSize, support);
        Assert.Equal(FullSort<double>(c), y);
    }

    /// <summary>1e-5 against the float64 reference (the inputs are ordinary, |x| &lt; 10), exact against our float full sort.</summary>
    private static void CheckFloat(string id)
    {
        var c = GoldenTransforms.Get(id);
        var (y, support) = RunPartialSort<float>(c);
        Expect.Close(c.Y!, y, 1e-5, 1e-5, "y");
        Assert.Equal(c.SupportSize, support);
        Assert.Equal(FullSort<float>(c), y);
    }

    private static double[] FullSort<T>(GoldenCase c) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        T[] x = To<T>(c.X);
        var y = new T[x.Length];
        if (c.Op == "sparsemax_partial_sort") Sparsemax.ForwardSorted<T>(x, y, T.One);
        else Entmax15.ForwardSorted<T>(x, y, T.One);
        return ToDouble(y);
    }
}
