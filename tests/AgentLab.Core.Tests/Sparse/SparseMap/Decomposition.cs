using AgentLab.Sparse.SparseMap;

namespace AgentLab.Tests.Sparse.SparseMap;

/// <summary>Checks that (active set, weights) is a valid decomposition of given marginals.</summary>
internal static class Decomposition
{
    /// <summary>
    /// Distinct feasible structures, weights ≥ 0 summing to 1, and Σ w_j a_j equal to the marginals (on-states
    /// given; for both-states structures the off-states must be their complement), Σ w_j b_j to the pair marginals.
    /// </summary>
    public static void AssertValid(IStructure structure, IReadOnlyList<BitConfiguration> activeSet, IReadOnlyList<double> weights,
        double[] onMarginals, double[]? additionalMarginals, double tolerance)
    {
        Assert.Equal(activeSet.Count, weights.Count);
        Assert.Equal(activeSet.Count, activeSet.Distinct().Count());
        foreach (var s in activeSet) Assert.True(structure.IsFeasible(s), $"{s} is not a feasible structure");
        foreach (double w in weights) Assert.True(w >= -1e-12, $"negative weight {w}");
        Expect.Close(1.0, weights.Sum(), tolerance, 0, "sum of weights");

        var unary = new double[structure.UnaryCount];
        var additional = new double[structure.AdditionalCount];
        structure.Marginals(activeSet, weights.ToArray(), unary, additional);
        int n = onMarginals.Length;
        Expect.Close(onMarginals, unary.Take(n).ToArray(), tolerance, 0, "Σ w a (on)");
        if (unary.Length == 2 * n) Expect.Close(onMarginals.Select(m => 1 - m).ToArray(), unary.Skip(n).ToArray(), tolerance, 0, "Σ w a (off)");
        if (additionalMarginals is not null) Expect.Close(additionalMarginals, additional, tolerance, 0, "Σ w b");
    }
}
