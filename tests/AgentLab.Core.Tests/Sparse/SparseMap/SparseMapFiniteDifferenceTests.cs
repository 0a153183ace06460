using AgentLab.Sparse.SparseMap;

namespace AgentLab.Tests.Sparse.SparseMap;

/// <summary>
/// The backward passes against central differences (h = 1e-6) of the solver itself. Marginals are
/// continuous and piecewise linear in the scores, so d⟨g, μ⟩/dη is checked everywhere the random input is
/// not within h of a kink; weights are only differentiable while the active set stays the same, so that
/// check skips coordinates whose ±h solves change the active set (and requires most of them to count).
/// </summary>
public class SparseMapFiniteDifferenceTests
{
    private const double Step = 1e-6;

    public static TheoryData<string> Kinds() => new(TestProblems.Kinds);

    [Theory, MemberData(nameof(Kinds))]
    public void Marginal_vjp_matches_central_differences(string kind)
    {
        int informative = 0;
        for (int seed = 1; seed <= 4; seed++)
        {
            var p = TestProblems.Random(kind, 8, 3, seed, offScores: seed % 2 == 0);
            double[] gUnary = RandomScores.Normal(100 + seed, p.Unary.Length), gAdditional = RandomScores.Normal(200 + seed, p.Additional.Length);
            var solution = ActiveSetSolver.Solve(p.Structure, p.Unary, p.Additional);
            var dUnary = new double[p.Unary.Length];
            var dAdditional = new double[p.Additional.Length];
            solution.Backward.MarginalsVjp(gUnary, gAdditional, dUnary, dAdditional);

            var (numericUnary, numericAdditional) = Gradient(p, (unary, additional) =>
            {
                var s = ActiveSetSolver.Solve(p.Structure, unary, additional);
                return TestProblems.Dot(gUnary, s.UnaryMarginals) + TestProblems.Dot(gAdditional, s.AdditionalMarginals);
            });
            Expect.Close(numericUnary, dUnary, 1e-6, 1e-6, $"{kind} seed={seed} d/dη_u");
            Expect.Close(numericAdditional, dAdditional, 1e-6, 1e-6, $"{kind} seed={seed} d/dη_v");
            if (dUnary.Any(v => Math.Abs(v) > 1e-3)) informative++;
        }
        Assert.True(informative >= 3, "most inputs must have fractional marginals so the check is not 0 = 0");
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Weight_vjp_matches_central_differences_while_the_active_set_holds(string kind)
    {
        int checkedCoordinates = 0, total = 0;
        for (int seed = 1; seed <= 4; seed++)
        {
            var p = TestProblems.Random(kind, 8, 3, seed, offScores: seed % 2 == 1);
            var solution = ActiveSetSolver.Solve(p.Structure, p.Unary, p.Additional);
            double[] g = RandomScores.Normal(300 + seed, solution.Weights.Length);
            var dUnary = new double[p.Unary.Length];
            var dAdditional = new double[p.Additional.Length];
            solution.Backward.WeightsVjp(g, dUnary, dAdditional);

            for (int i = 0; i < p.Unary.Length + p.Additional.Length; i++)
            {
                total++;
                var plus = Perturbed(p, i, +Step);
                var minus = Perturbed(p, i, -Step);
                if (!plus.ActiveSet.SequenceEqual(solution.ActiveSet) || !minus.ActiveSet.SequenceEqual(solution.ActiveSet)) continue;
                double numeric = (TestProblems.Dot(g, plus.Weights) - TestProblems.Dot(g, minus.Weights)) / (2 * Step);
                double analytic = i < p.Unary.Length ? dUnary[i] : dAdditional[i - p.Unary.Length];
                Expect.Close(numeric, analytic, 1e-6, 1e-6, $"{kind} seed={seed} coordinate {i}");
                checkedCoordinates++;
            }
        }
        Assert.True(checkedCoordinates >= total * 3 / 4, $"only {checkedCoordinates} of {total} coordinates kept their active set");
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Loss_gradient_matches_central_differences(string kind)
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            var p = TestProblems.Random(kind, 7, 3, seed, offScores: true);
            var gold = TestProblems.Feasible(p.Structure).ElementAt(seed * 5 % TestProblems.Feasible(p.Structure).Count());
            var gradUnary = new double[p.Unary.Length];
            var gradAdditional = new double[p.Additional.Length];
            SparseMapLoss.Compute(p.Structure, p.Unary, p.Additional, gold, gradUnary, gradAdditional);
            var (numericUnary, numericAdditional) = Gradient(p, (unary, additional) =>
                SparseMapLoss.Compute(p.Structure, unary, additional, gold, new double[unary.Length], new double[additional.Length]));
            Expect.Close(numericUnary, gradUnary, 1e-6, 1e-6, $"{kind} seed={seed} ∇_u");
            Expect.Close(numericAdditional, gradAdditional, 1e-6, 1e-6, $"{kind} seed={seed} ∇_v");
        }
    }

    [Theory]
    [InlineData(9, 3, BudgetKind.Exactly)]
    [InlineData(9, 3, BudgetKind.AtMost)]
    [InlineData(9, 8, BudgetKind.AtMost)]
    public void Closed_form_jacobians_match_central_differences(int n, int k, BudgetKind kind)
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            double[] x = RandomScores.Normal(seed, n), g = RandomScores.Normal(70 + seed, n);
            var m = new double[n];
            bool binding = (kind == BudgetKind.Exactly ? KSubsetMarginals.Exactly(x, k, m) : KSubsetMarginals.AtMost(x, k, m)).BudgetBinding;
            var vjp = new double[n];
            KSubsetMarginals.Jvp(m, binding, g, vjp);
            Expect.Close(NumericGradient(x, v => TestProblems.Dot(g, KSubset(v, k, kind))), vjp, 1e-6, 1e-6, $"k-subsets seed={seed}");

            var on = new double[n];
            binding = BudgetBitVectorMarginals.Compute(x, k, on).BudgetBinding;
            BudgetBitVectorMarginals.Jvp(on, binding, g, vjp);
            Expect.Close(NumericGradient(x, v => TestProblems.Dot(g, Budget(v, k))), vjp, 1e-6, 1e-6, $"budget seed={seed}");
        }

        static double[] KSubset(double[] x, int k, BudgetKind kind)
        {
            var m = new double[x.Length];
            if (kind == BudgetKind.Exactly) KSubsetMarginals.Exactly(x, k, m);
            else KSubsetMarginals.AtMost(x, k, m);
            return m;
        }

        static double[] Budget(double[] x, int budget)
        {
            var m = new double[x.Length];
            BudgetBitVectorMarginals.Compute(x, budget, m);
            return m;
        }
    }

    private static SparseMapSolution Perturbed(TestProblems.Problem p, int coordinate, double h)
    {
        double[] unary = (double[])p.Unary.Clone(), additional = (double[])p.Additional.Clone();
        if (coordinate < unary.Length) unary[coordinate] += h;
        else additional[coordinate - unary.Length] += h;
        return ActiveSetSolver.Solve(p.Structure, unary, additional);
    }

    private static (double[] Unary, double[] Additional) Gradient(TestProblems.Problem p, Func<double[], double[], double> f)
    {
        var unary = NumericGradient(p.Unary, u => f(u, p.Additional));
        var additional = NumericGradient(p.Additional, v => f(p.Unary, v));
        return (unary, additional);
    }

    private static double[] NumericGradient(double[] x, Func<double[], double> f)
    {
        var gradient = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
            plus[i] += Step;
            minus[i] -= Step;
            gradient[i] = (f(plus) - f(minus)) / (2 * Step);
        }
        return gradient;
    }
}
