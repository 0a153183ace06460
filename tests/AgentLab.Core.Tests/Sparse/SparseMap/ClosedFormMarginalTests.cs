using AgentLab.Sparse;
using AgentLab.Sparse.SparseMap;

namespace AgentLab.Tests.Sparse.SparseMap;

/// <summary>
/// The closed-form marginals (§7.4(a), (b)) equal the active-set solver's, their Jacobians equal A Q Aᵀ,
/// they reproduce the goldens to 1e-12, and k = 1 k-subsets is sparsemax.
/// </summary>
public class ClosedFormMarginalTests
{
    public static TheoryData<int, int> Sizes()
    {
        var data = new TheoryData<int, int>();
        foreach (int n in new[] { 1, 2, 5, 9, 16 })
            foreach (int k in new[] { 0, 1, 2, n / 2, n - 1, n }.Where(k => k >= 0 && k <= n).Distinct())
                data.Add(n, k);
        return data;
    }

    [Theory, MemberData(nameof(Sizes))]
    public void KSubsets_match_the_solver(int n, int k)
    {
        foreach (var kind in new[] { BudgetKind.Exactly, BudgetKind.AtMost })
        {
            for (int seed = 1; seed <= 4; seed++)
            {
                double[] x = RandomScores.Normal(seed, n, 0.5 * seed);
                var closed = new double[n];
                var result = kind == BudgetKind.Exactly ? KSubsetMarginals.Exactly(x, k, closed) : KSubsetMarginals.AtMost(x, k, closed);
                var solution = ActiveSetSolver.Solve(new KSubsets(n, k, kind), x, []);
                Expect.Close(solution.UnaryMarginals, closed, 1e-9, 0, $"{kind} seed={seed} marginals");
                if (kind == BudgetKind.Exactly) Expect.Close(k, closed.Sum(), 1e-12 * n, 0, "Σμ = k");

                double[] dx = RandomScores.Normal(50 + seed, n);
                var closedJvp = new double[n];
                KSubsetMarginals.Jvp(closed, result.BudgetBinding, dx, closedJvp);
                var solverJvp = new double[n];
                solution.Backward.MarginalsJvp(dx, [], solverJvp, []);
                Expect.Close(solverJvp, closedJvp, 1e-9, 0, $"{kind} seed={seed} Jacobian");
            }
        }
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Budget_bit_vectors_match_the_solver(int n, int budget)
    {
        for (int seed = 1; seed <= 4; seed++)
        {
            double[] x = RandomScores.Normal(seed, n, seed);
            var closed = new double[n];
            var result = BudgetBitVectorMarginals.Compute(x, budget, closed);
            var solution = ActiveSetSolver.Solve(new BudgetBitVectors(n, budget), [.. x, .. new double[n]], []);
            Expect.Close(solution.UnaryMarginals.Take(n).ToArray(), closed, 1e-9, 0, $"seed={seed} marginals");

            double[] dx = RandomScores.Normal(60 + seed, n);
            var closedJvp = new double[n];
            BudgetBitVectorMarginals.Jvp(closed, result.BudgetBinding, dx, closedJvp);
            var solverJvp = new double[2 * n];
            solution.Backward.MarginalsJvp([.. dx, .. new double[n]], [], solverJvp, []);
            Expect.Close(solverJvp.Take(n).ToArray(), closedJvp, 1e-9, 0, $"seed={seed} Jacobian");
        }
    }

    [Theory]
    [InlineData("sparsemap_ksubset")]
    [InlineData("sparsemap_bitvector_budget")]
    public void Reproduce_the_golden_marginals(string op)
    {
        foreach (string id in GoldenTransforms.IdsOf(op))
        {
            var c = GoldenTransforms.Get(id);
            var m = new double[c.X.Length];
            if (op == "sparsemap_ksubset") KSubsetMarginals.Exactly(c.X, c.K, m);
            else BudgetBitVectorMarginals.Compute(c.X, c.Budget, m);
            Expect.Close(c.Marginals ?? c.MarginalsOn!, m, 1e-12, 0, $"{id} marginals");
        }
    }

    [Fact]
    public void Large_offsets_keep_the_sum_exact()
    {
        double[] x = RandomScores.Normal(9, 40, 1000).Select(v => v + 1e6).ToArray();
        var m = new double[x.Length];
        KSubsetMarginals.Exactly(x, 7, m);
        Expect.Close(7, m.Sum(), 1e-9, 0, "Σμ");
        Assert.All(m, v => Assert.InRange(v, 0, 1));
    }

    [Fact]
    public void One_subsets_are_sparsemax()
    {
        for (int seed = 1; seed <= 6; seed++)
        {
            int n = 3 + seed;
            double[] x = RandomScores.Normal(seed, n, 0.4 * seed);
            var sparsemax = new double[n];
            Sparsemax.Forward<double>(x, sparsemax, 1.0);

            var solution = ActiveSetSolver.Solve(new KSubsets(n, 1), x, []);
            Expect.Close(sparsemax, solution.UnaryMarginals, 1e-12, 0, $"seed={seed} solver");
            var closed = new double[n];
            KSubsetMarginals.Exactly(x, 1, closed);
            Expect.Close(sparsemax, closed, 1e-12, 0, $"seed={seed} closed form");

            // Every active structure is a one-hot vector, so the weights are the sparsemax probabilities.
            for (int j = 0; j < solution.ActiveSet.Count; j++)
            {
                var s = solution.ActiveSet[j];
                Assert.Equal(1, s.Count);
                foreach (int i in s.Ones) Expect.Close(sparsemax[i], solution.Weights[j], 1e-12, 0, $"weight of {s}");
            }

            double[] g = RandomScores.Normal(40 + seed, n);
            var expected = new double[n];
            Sparsemax.Backward<double>(sparsemax, g, expected, 1.0);
            var vjp = new double[n];
            solution.Backward.MarginalsVjp(g, [], vjp, []);
            Expect.Close(expected, vjp, 1e-12, 0, $"seed={seed} VJP");
        }
    }
}
