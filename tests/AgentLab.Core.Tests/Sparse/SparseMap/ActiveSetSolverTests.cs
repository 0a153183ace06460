using AgentLab.Sparse.SparseMap;

namespace AgentLab.Tests.Sparse.SparseMap;

/// <summary>
/// Optimality of <see cref="ActiveSetSolver"/> certified against all structures (n ≤ 8), consistency of its
/// backward, and its behaviour at the edges (iteration limit, affinely dependent insertions, bad input).
/// </summary>
public class ActiveSetSolverTests
{
    public static TheoryData<string> Kinds() => new(TestProblems.Kinds);

    /// <summary>
    /// KKT conditions of max_{p∈Δ} θᵀp − ½‖Ap‖², which are sufficient (the problem is concave): with
    /// μ = Σ w_j a_j, every structure has θ_s − ⟨a_s, μ_u⟩ ≤ τ, with equality on the support of w.
    /// </summary>
    [Theory, MemberData(nameof(Kinds))]
    public void Solutions_satisfy_the_optimality_conditions_over_all_structures(string kind)
    {
        foreach (int n in new[] { 1, 3, 6, 8 })
        {
            foreach (int k in new[] { 1, 2, n / 2 + 1 }.Where(k => k <= n).Distinct())
            {
                for (int seed = 1; seed <= 4; seed++)
                {
                    var p = TestProblems.Random(kind, n, k, seed, scale: seed, offScores: seed % 2 == 0);
                    var solution = ActiveSetSolver.Solve(p.Structure, p.Unary, p.Additional);
                    AssertOptimal(p, solution, $"{kind} n={n} k={k} seed={seed}");
                }
            }
        }
    }

    [Fact]
    public void Affinely_dependent_insertions_are_swapped_and_the_result_stays_optimal()
    {
        // Pair scores make θ non-affine in a_s, which is what lets the oracle propose a structure in the affine
        // hull of the active set (e.g. 0111, 1000, 1011 and then 0100: 0111 + 1000 = 1011 + 0100). Strong pair
        // scores of both signs on short chains trigger it every few problems.
        int swaps = 0;
        for (int seed = 1; seed <= 40; seed++)
        {
            foreach (int n in new[] { 4, 5, 6 })
            {
                string kind = seed % 2 == 0 ? TestProblems.SequenceAtMost : TestProblems.SequenceExact;
                var p = TestProblems.Random(kind, n, 1 + seed % n, seed, pairScale: 2);
                var solution = ActiveSetSolver.Solve(p.Structure, p.Unary, p.Additional);
                swaps += solution.Swaps;
                AssertOptimal(p, solution, $"{kind} n={n} seed={seed}");
            }
        }
        Assert.True(swaps >= 1, "no problem exercised the swap; the test needs other inputs");
    }

    /// <summary>Chains found by a random search where the solver must swap (on-scores x, off-scores 0, at most k).</summary>
    [Theory]
    [InlineData(3, new[] { -0.15590144145993198, 0.8580988752627693, 0.39688351850774295, -0.6305323294277659 },
        new[] { -2.482702992636833, -0.41367929100163464, 2.025722948033715 })]
    [InlineData(4, new[] { -0.23832021192992955, 0.9082129709198772, 0.680411391741424, 0.8061239853430672 },
        new[] { -3.4769490757370973, 0.49300252999265975, -0.29417779553193507 })]
    [InlineData(3, new[] { -0.6864610538433735, -0.7289500857311969, 0.2314143873849563, -0.7493650576997223 },
        new[] { 2.6201827877872144, -0.1566143590447963, -2.1726052726238856 })]
    [InlineData(2, new[] { 0.047021949992293414, -1.671656998687068, -0.5613720959919397, -0.7360519354449613, -0.26917395059474 },
        new[] { 1.029866397304654, 1.6268919676538707, -2.4562713640519616, -0.06135244364913974 })]
    public void Known_affinely_dependent_insertions_are_swapped(int budget, double[] x, double[] pairs)
    {
        var p = new TestProblems.Problem(new SequenceBudget(x.Length, budget), [.. x, .. new double[x.Length]], pairs);
        var solution = ActiveSetSolver.Solve(p.Structure, p.Unary, p.Additional);
        Assert.True(solution.Swaps >= 1, "expected an affinely dependent insertion");
        AssertOptimal(p, solution, "swap");
    }

    [Fact]
    public void Running_out_of_iterations_returns_a_valid_distribution()
    {
        var p = TestProblems.Random(TestProblems.KSubsetExact, 12, 4, seed: 5);
        var full = ActiveSetSolver.Solve(p.Structure, p.Unary, p.Additional);
        Assert.True(full.Iterations > 3);
        var cut = ActiveSetSolver.Solve(p.Structure, p.Unary, p.Additional, new ActiveSetOptions { MaxIterations = 3 });
        Assert.Equal(ActiveSetTermination.MaxIterations, cut.Termination);
        Assert.False(cut.Converged);
        Assert.All(cut.Weights, w => Assert.True(w >= 0));
        Expect.Close(1.0, cut.Weights.Sum(), 1e-12, 0, "sum of weights");
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Backward_is_consistent(string kind)
    {
        var p = TestProblems.Random(kind, 8, 3, seed: 11, offScores: true);
        var solution = ActiveSetSolver.Solve(p.Structure, p.Unary, p.Additional);
        var backward = solution.Backward;
        int m = backward.Count, u = p.Structure.UnaryCount, v = p.Structure.AdditionalCount;

        // Q is symmetric, its rows sum to 0 (weights keep summing to 1), and recomputing it from scratch agrees.
        var fresh = ActiveSetBackward.FromActiveSet(p.Structure, solution.ActiveSet);
        for (int i = 0; i < m; i++)
        {
            double rowSum = 0;
            for (int j = 0; j < m; j++)
            {
                rowSum += backward.Q(i, j);
                Expect.Close(backward.Q(j, i), backward.Q(i, j), 1e-10, 0, $"Q symmetric ({i},{j})");
                Expect.Close(fresh.Q(i, j), backward.Q(i, j), 1e-9, 1e-9, $"Q from scratch ({i},{j})");
            }
            Expect.Close(0, rowSum, 1e-10, 0, $"row {i} of Q sums to 0");
        }

        // The weight JVP and VJP are adjoint: ⟨g, J dη⟩ = ⟨Jᵀg, dη⟩.
        double[] dUnary = RandomScores.Normal(21, u), dAdditional = RandomScores.Normal(22, v), g = RandomScores.Normal(23, m);
        var dWeights = new double[m];
        backward.WeightsJvp(dUnary, dAdditional, dWeights);
        var gUnary = new double[u];
        var gAdditional = new double[v];
        backward.WeightsVjp(g, gUnary, gAdditional);
        Expect.Close(TestProblems.Dot(g, dWeights), TestProblems.Dot(gUnary, dUnary) + TestProblems.Dot(gAdditional, dAdditional), 1e-10, 1e-10, "adjoint");

        // The marginal Jacobian is symmetric: ⟨e, J d⟩ = ⟨d, J e⟩.
        double[] eUnary = RandomScores.Normal(24, u), eAdditional = RandomScores.Normal(25, v);
        var jd = (new double[u], new double[v]);
        var je = (new double[u], new double[v]);
        backward.MarginalsJvp(dUnary, dAdditional, jd.Item1, jd.Item2);
        backward.MarginalsJvp(eUnary, eAdditional, je.Item1, je.Item2);
        Expect.Close(TestProblems.Dot(eUnary, jd.Item1) + TestProblems.Dot(eAdditional, jd.Item2),
            TestProblems.Dot(dUnary, je.Item1) + TestProblems.Dot(dAdditional, je.Item2), 1e-10, 1e-10, "symmetric");
    }

    [Fact]
    public void The_loss_is_zero_once_the_gold_structure_wins_by_a_margin()
    {
        var structure = new KSubsets(6, 2);
        var gold = BitConfiguration.Parse("010010");
        double[] x = [-3, 3, -3, -3, 3, -3];
        var grad = new double[6];
        double loss = SparseMapLoss.Compute(structure, x, [], gold, grad, []);
        Assert.Equal(0, loss);
        Assert.All(grad, d => Assert.Equal(0, d));
        Assert.Throws<ArgumentException>(() => SparseMapLoss.Compute(structure, x, [], BitConfiguration.Parse("111000"), grad, []));
    }

    [Fact]
    public void Rejects_bad_input()
    {
        var structure = new KSubsets(4, 2);
        Assert.Throws<ArgumentException>(() => ActiveSetSolver.Solve(structure, [1, 2, double.NaN, 0], []));
        Assert.Throws<ArgumentException>(() => ActiveSetSolver.Solve(structure, [1, 2, 3], []));
        Assert.Throws<ArgumentException>(() => ActiveSetSolver.Solve(new SequenceBudget(3, 1), [0, 0, 0, 0, 0, 0], [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KSubsets(4, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActiveSetSolver.Solve(structure, [1, 2, 3, 4], [], new ActiveSetOptions { MaxIterations = 0 }));
        // A shift too small to force exactly k shows up as an error, not as a wrong structure.
        Assert.Throws<InvalidOperationException>(() => SequenceBudget.Exactly(4, 3, 0.5).Map([-5, -5, -5, -5, 0, 0, 0, 0], [0, 0, 0]));
    }

    private static void AssertOptimal(TestProblems.Problem p, SparseMapSolution solution, string what)
    {
        Assert.True(solution.Converged, $"{what}: {solution.Termination} after {solution.Iterations} iterations");
        Assert.All(solution.Weights, w => Assert.True(w >= 0, $"{what}: negative weight {w}"));
        Expect.Close(1.0, solution.Weights.Sum(), 1e-12, 0, $"{what}: sum of weights");
        double tolerance = 1e-9 * (1 + p.Unary.Concat(p.Additional).Max(Math.Abs));
        foreach (var s in TestProblems.Feasible(p.Structure))
        {
            double slack = p.Structure.Score(s, p.Unary, p.Additional) - p.Structure.UnaryDot(s, solution.UnaryMarginals) - solution.Tau;
            Assert.True(slack <= tolerance, $"{what}: {s} violates optimality by {slack:E3}");
        }
        for (int j = 0; j < solution.ActiveSet.Count; j++)
        {
            if (solution.Weights[j] <= 1e-12) continue;
            var s = solution.ActiveSet[j];
            double slack = p.Structure.Score(s, p.Unary, p.Additional) - p.Structure.UnaryDot(s, solution.UnaryMarginals) - solution.Tau;
            Expect.Close(0, slack, tolerance, 0, $"{what}: complementary slackness of {s}");
        }
    }
}
