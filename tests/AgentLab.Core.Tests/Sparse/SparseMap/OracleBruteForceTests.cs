using AgentLab.Sparse.SparseMap;

namespace AgentLab.Tests.Sparse.SparseMap;

/// <summary>
/// Every MAP oracle against enumeration of all 2ⁿ configurations (n ≤ 10): with continuous scores the oracle
/// must find the unique best feasible structure; with small integer scores (many exact ties, exact sums)
/// it must pick the winner of its pinned tie rule (docs/ALGORITHMS.md §7.4):
/// k-subsets exactly k — the lowest indices (the lexicographically largest bit string);
/// at most k and budget bit-vectors — the fewest on variables, then the lowest indices;
/// sequences — the fewest on variables, then on preferred from the last position backwards (Viterbi keeps
/// the first best previous state, on before off, and ends on the smallest count).
/// </summary>
public class OracleBruteForceTests
{
    public static TheoryData<string, int, int> Structures()
    {
        var data = new TheoryData<string, int, int>();
        foreach (string kind in TestProblems.Kinds)
        {
            foreach (int n in new[] { 1, 2, 3, 5, 8, 10 })
            {
                foreach (int k in new[] { 0, 1, 2, 3, n - 1, n }.Distinct().Where(k => k >= 0 && k <= n))
                {
                    // Exactly 0 of a chain makes the emulation shift meaningless (nothing to force); at most 0 is kept.
                    if (kind == TestProblems.SequenceExact && k == 0) continue;
                    data.Add(kind, n, k);
                }
            }
        }
        return data;
    }

    [Theory, MemberData(nameof(Structures))]
    public void Finds_the_best_structure_for_continuous_scores(string kind, int n, int k)
    {
        for (int seed = 1; seed <= 6; seed++)
        {
            var p = TestProblems.Random(kind, n, k, seed, offScores: seed % 2 == 0);
            var map = p.Structure.Map(p.Unary, p.Additional);
            Assert.True(p.Structure.IsFeasible(map), $"{map} is infeasible");
            var ranked = TestProblems.Feasible(p.Structure)
                .Select(z => (Z: z, Score: p.Structure.Score(z, p.Unary, p.Additional)))
                .OrderByDescending(t => t.Score).ToArray();
            Expect.Close(ranked[0].Score, p.Structure.Score(map, p.Unary, p.Additional), 1e-12, 0, $"{kind} seed={seed} best score");
            if (ranked.Length == 1 || ranked[0].Score - ranked[1].Score > 1e-9) Assert.Equal(ranked[0].Z, map);
        }
    }

    [Theory, MemberData(nameof(Structures))]
    public void Breaks_ties_by_the_pinned_rule(string kind, int n, int k)
    {
        var random = new Random(n * 100 + k);
        for (int trial = 0; trial < 20; trial++)
        {
            var structure = TestProblems.Create(kind, n, k);
            var unary = Enumerable.Range(0, structure.UnaryCount).Select(_ => (double)random.Next(-2, 3)).ToArray();
            var pairs = Enumerable.Range(0, structure.AdditionalCount).Select(_ => (double)random.Next(-2, 3)).ToArray();
            var map = structure.Map(unary, pairs);

            var scored = TestProblems.Feasible(structure).Select(z => (Z: z, Score: structure.Score(z, unary, pairs))).ToArray();
            double best = scored.Max(t => t.Score);
            var winner = scored.Where(t => t.Score == best).Select(t => t.Z).OrderBy(z => z, TieRule(kind)).First();
            Assert.True(winner.Equals(map), $"{kind} n={n} k={k} trial={trial}: expected {winner}, oracle gave {map} (score {best})");
        }
    }

    /// <summary>Orders the maximisers so the one the oracle must return comes first.</summary>
    private static Comparer<BitConfiguration> TieRule(string kind) => Comparer<BitConfiguration>.Create((a, b) =>
    {
        if (kind != TestProblems.KSubsetExact && a.Count != b.Count) return a.Count.CompareTo(b.Count);
        string sa = a.ToString(), sb = b.ToString();
        if (kind is TestProblems.SequenceAtMost or TestProblems.SequenceExact)
        {
            sa = new string(sa.Reverse().ToArray());
            sb = new string(sb.Reverse().ToArray());
        }
        return -string.CompareOrdinal(sa, sb); // '1' before '0' at the first most significant difference
    });
}
