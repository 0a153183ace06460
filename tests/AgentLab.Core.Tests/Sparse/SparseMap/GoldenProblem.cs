using AgentLab.Sparse.SparseMap;

namespace AgentLab.Tests.Sparse.SparseMap;

/// <summary>
/// A sparsemap_* golden case as a SparseMAP problem: the structure and the scores (η_u, η_v) the reference
/// solved, plus the golden decomposition and marginals in the same coordinates (docs/ALGORITHMS.md §0, §7.4).
/// For both-states structures x is the on-score and the off-score is 0, so η_u = [x; 0] and ∂/∂x is the
/// on-part of ∂/∂η_u.
/// </summary>
internal sealed record GoldenProblem(GoldenCase Case, IStructure Structure, double[] Unary, double[] Additional)
{
    public int N => Case.X.Length;

    public bool BothStates => Case.Op != "sparsemap_ksubset";

    public static TheoryData<string> AllIds()
    {
        var ids = new TheoryData<string>();
        foreach (string op in new[] { "sparsemap_ksubset", "sparsemap_bitvector_budget", "sparsemap_sequence_budget" })
            foreach (string caseId in GoldenTransforms.IdsOf(op)) ids.Add(caseId);
        return ids;
    }

    public static GoldenProblem Of(string id)
    {
        var c = GoldenTransforms.Get(id);
        int n = c.X.Length;
        double[] bothStates = [.. c.X, .. new double[n]];
        return c.Op switch
        {
            "sparsemap_ksubset" => new(c, new KSubsets(n, c.K, KindOf(c)), c.X, []),
            "sparsemap_bitvector_budget" => new(c, new BudgetBitVectors(n, c.Budget), bothStates, []),
            "sparsemap_sequence_budget" => new(c, KindOf(c) == BudgetKind.Exactly
                ? SequenceBudget.Exactly(n, c.Budget, c.EmulationShift)
                : new SequenceBudget(n, c.Budget), bothStates, c.WPair!),
            _ => throw new ArgumentException($"not a sparsemap op: {c.Op}"),
        };
    }

    /// <summary>Golden on-state marginals (`marginals` for k-subsets, `marginals_on` otherwise).</summary>
    public double[] GoldenOnMarginals => Case.Marginals ?? Case.MarginalsOn!;

    public BitConfiguration[] GoldenActiveSet => Case.ActiveSet!.Select(BitConfiguration.Parse).ToArray();

    /// <summary>The x-part (first n entries) of a vector over η_u.</summary>
    public double[] OnPart(IReadOnlyList<double> unary) => unary.Take(N).ToArray();

    /// <summary>A cotangent given on the on-marginals, lifted to all of μ_u (zero on the off-states).</summary>
    public double[] LiftOnCotangent(double[] onCotangent) =>
        BothStates ? [.. onCotangent, .. new double[N]] : onCotangent;

    private static BudgetKind KindOf(GoldenCase c) => c.BudgetKind == "exact" ? BudgetKind.Exactly : BudgetKind.AtMost;
}
