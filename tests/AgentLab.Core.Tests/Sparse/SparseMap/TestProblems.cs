using AgentLab.Sparse.SparseMap;

namespace AgentLab.Tests.Sparse.SparseMap;

/// <summary>Random SparseMAP problems of every structure kind, and brute-force enumeration for small n.</summary>
internal static class TestProblems
{
    public const string KSubsetExact = "ksubset-exact", KSubsetAtMost = "ksubset-atmost", Budget = "budget",
        SequenceAtMost = "sequence-atmost", SequenceExact = "sequence-exact";

    public static readonly string[] Kinds = [KSubsetExact, KSubsetAtMost, Budget, SequenceAtMost, SequenceExact];

    public sealed record Problem(IStructure Structure, double[] Unary, double[] Additional)
    {
        public override string ToString() => $"{Structure.GetType().Name} n={Structure.VariableCount}";
    }

    /// <summary>
    /// A problem with normal scores (seeded). Both-states structures get on- and off-scores when
    /// <paramref name="offScores"/>, else off = 0 as in the goldens; sequences get pair scores of either sign.
    /// </summary>
    public static Problem Random(string kind, int n, int k, int seed, double scale = 1.0, bool offScores = false, double pairScale = 1.0)
    {
        var onOnly = kind is KSubsetExact or KSubsetAtMost;
        double[] unary = onOnly
            ? RandomScores.Normal(seed, n, scale)
            : [.. RandomScores.Normal(seed, n, scale), .. offScores ? RandomScores.Normal(seed + 1000, n, scale) : new double[n]];
        double[] pairs = kind is SequenceAtMost or SequenceExact ? RandomScores.Normal(seed + 2000, n - 1, scale * pairScale) : [];
        return new Problem(Create(kind, n, k, SafeShift(unary, pairs)), unary, pairs);
    }

    public static IStructure Create(string kind, int n, int k, double shift = 100) => kind switch
    {
        KSubsetExact => new KSubsets(n, k),
        KSubsetAtMost => new KSubsets(n, k, BudgetKind.AtMost),
        Budget => new BudgetBitVectors(n, k),
        SequenceAtMost => new SequenceBudget(n, k),
        SequenceExact => SequenceBudget.Exactly(n, k, shift),
        _ => throw new ArgumentException(kind),
    };

    /// <summary>The reference's C computed from on-minus-off scores, which covers non-zero off-scores too.</summary>
    public static double SafeShift(double[] unary, double[] pairs)
    {
        int n = pairs.Length + 1;
        if (unary.Length != 2 * n) return 100;
        var preference = Enumerable.Range(0, n).Select(i => unary[i] - unary[n + i]).ToArray();
        return SequenceBudget.EmulationShift(preference, pairs);
    }

    /// <summary>All 2ⁿ configurations, in counting order.</summary>
    public static IEnumerable<BitConfiguration> All(int n)
    {
        for (int code = 0; code < 1 << n; code++)
        {
            var bits = new bool[n];
            for (int i = 0; i < n; i++) bits[i] = (code >> i & 1) == 1;
            yield return BitConfiguration.FromBits(bits);
        }
    }

    public static IEnumerable<BitConfiguration> Feasible(IStructure structure) => All(structure.VariableCount).Where(structure.IsFeasible);

    public static double Dot(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Count; i++) sum += a[i] * b[i];
        return sum;
    }
}
