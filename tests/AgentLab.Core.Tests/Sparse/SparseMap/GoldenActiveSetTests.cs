using AgentLab.Sparse.SparseMap;

namespace AgentLab.Tests.Sparse.SparseMap;

/// <summary>
/// Every sparsemap_* golden case through <see cref="ActiveSetSolver"/> (docs/ALGORITHMS.md §0, §7.2). The
/// marginals, τ, the marginal VJP and the loss are unique and always compared; the decomposition (active set,
/// weights) is compared exactly only where the case says it is stable under 1e-6 perturbations — elsewhere
/// the oracle's tie-breaking on rounding noise may legitimately pick another one, so the test checks that
/// ours is a valid decomposition of the golden marginals and that the backward formula reproduces the
/// golden VJPs when fed the golden active set.
/// </summary>
public class GoldenActiveSetTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string> Cases => GoldenProblem.AllIds();

    [Theory, MemberData(nameof(Cases))]
    public void Marginals_and_tau_match(string id)
    {
        var p = GoldenProblem.Of(id);
        var solution = ActiveSetSolver.Solve(p.Structure, p.Unary, p.Additional);
        Assert.True(solution.Converged, $"terminated with {solution.Termination} after {solution.Iterations} iterations");
        Expect.Close(p.GoldenOnMarginals, p.OnPart(solution.UnaryMarginals), Tolerance, 0, "marginals (on)");
        if (p.BothStates)
        {
            // The off-states carry the complement: μ_off = 1 − μ_on.
            for (int i = 0; i < p.N; i++) Expect.Close(1 - p.GoldenOnMarginals[i], solution.UnaryMarginals[p.N + i], Tolerance, 0, $"marginals (off)[{i}]");
        }
        if (p.Case.MarginalsPair is { } pairs) Expect.Close(pairs, solution.AdditionalMarginals, Tolerance, 0, "marginals_pair");
        if (p.Case.Tau is { } tau) Expect.Close(tau, solution.Tau, Tolerance, 0, "tau");
    }

    [Theory, MemberData(nameof(Cases))]
    public void Decomposition_is_the_golden_one_where_stable_and_valid_everywhere(string id)
    {
        var p = GoldenProblem.Of(id);
        var solution = ActiveSetSolver.Solve(p.Structure, p.Unary, p.Additional);
        if (p.Case.ActiveSetStable == true)
        {
            Assert.Equal(p.Case.ActiveSet!, solution.ActiveSet.Select(s => s.ToString()).ToArray());
            Expect.Close(p.Case.Weights!, solution.Weights, Tolerance, 0, "weights");
        }
        // Ours decomposes the golden marginals, and so does the golden decomposition (a check of the reading).
        Decomposition.AssertValid(p.Structure, solution.ActiveSet, solution.Weights, p.GoldenOnMarginals, p.Case.MarginalsPair, Tolerance);
        Decomposition.AssertValid(p.Structure, p.GoldenActiveSet, p.Case.Weights!, p.GoldenOnMarginals, p.Case.MarginalsPair, Tolerance);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Weight_vjp_of_the_golden_active_set_matches(string id)
    {
        var p = GoldenProblem.Of(id);
        var fromGolden = ActiveSetBackward.FromActiveSet(p.Structure, p.GoldenActiveSet);
        CheckWeightVjp(p, fromGolden, "golden active set");
        if (p.Case.ActiveSetStable == true)
            CheckWeightVjp(p, ActiveSetSolver.Solve(p.Structure, p.Unary, p.Additional).Backward, "solver's active set");
    }

    [Theory, MemberData(nameof(Cases))]
    public void Marginal_vjp_matches(string id)
    {
        var p = GoldenProblem.Of(id);
        if (p.Case.CotangentMarginals is not { } cotangent) return; // sequence cases carry no marginal VJP
        var dUnary = new double[p.Structure.UnaryCount];
        var dAdditional = new double[p.Structure.AdditionalCount];
        // The marginal Jacobian is the same for every decomposition, so the solver's own active set must do.
        var solution = ActiveSetSolver.Solve(p.Structure, p.Unary, p.Additional);
        solution.Backward.MarginalsVjp(p.LiftOnCotangent(cotangent), new double[p.Structure.AdditionalCount], dUnary, dAdditional);
        Expect.Close(p.Case.VjpXFromMarginals!, p.OnPart(dUnary), Tolerance, 0, "vjp_x_from_marginals (solver)");
        ActiveSetBackward.FromActiveSet(p.Structure, p.GoldenActiveSet)
            .MarginalsVjp(p.LiftOnCotangent(cotangent), new double[p.Structure.AdditionalCount], dUnary, dAdditional);
        Expect.Close(p.Case.VjpXFromMarginals!, p.OnPart(dUnary), Tolerance, 0, "vjp_x_from_marginals (golden active set)");
    }

    [Theory, MemberData(nameof(Cases))]
    public void Fenchel_young_loss_and_gradient_match(string id)
    {
        var p = GoldenProblem.Of(id);
        if (p.Case.GoldConfig is not { } goldText) return; // sequence cases carry no loss
        var gradUnary = new double[p.Structure.UnaryCount];
        var gradAdditional = new double[p.Structure.AdditionalCount];
        double loss = SparseMapLoss.Compute(p.Structure, p.Unary, p.Additional, BitConfiguration.Parse(goldText), gradUnary, gradAdditional);
        Expect.Close(p.Case.FyLoss!.Value, loss, Tolerance, 0, "fy_loss");
        Expect.Close(p.Case.FyGradX!, p.OnPart(gradUnary), Tolerance, 0, "fy_grad_x");
    }

    private static void CheckWeightVjp(GoldenProblem p, ActiveSetBackward backward, string source)
    {
        var dUnary = new double[p.Structure.UnaryCount];
        var dAdditional = new double[p.Structure.AdditionalCount];
        backward.WeightsVjp(p.Case.CotangentWeights!, dUnary, dAdditional);
        Expect.Close(p.Case.VjpXFromWeights!, p.OnPart(dUnary), Tolerance, 0, $"vjp_x_from_weights ({source})");
        if (p.Case.VjpWFromWeights is { } vjpW) Expect.Close(vjpW, dAdditional, Tolerance, 0, $"vjp_w_from_weights ({source})");
    }
}
