using AgentLab.Channels;
using AgentLab.Channels.BitVector;
using AgentLab.Numerics;
using AgentLab.Sparse;
using AgentLab.Sparse.SparseMap;

namespace AgentLab.Tests.Channels.BitVector;

/// <summary>
/// The exact marginalization channels (top-k sparsemax, SparseMAP with and without budget): the plan is the
/// support (one decoder call per configuration with weight &gt; 0), the KL is D log 2 − H(w), and the gradient
/// equals the finite-difference gradient of the exact objective Σ_j w_j ℓ(z_j) + Σ w log w + D log 2.
/// </summary>
public class ExactBitChannelTests
{
    private static readonly float[] Scores = [0.31f, -0.22f, 0.12f, -0.05f, 0.4f];

    public static TheoryData<string> Channels => new() { "topk-sparsemax", "sparsemap", "sparsemap-budget" };

    /// <summary>The channels whose decomposition is unique near <see cref="Scores"/>, so the full objective is differentiable.</summary>
    public static TheoryData<string> UniqueDecompositions => new() { "topk-sparsemax", "sparsemap-budget" };

    private static IBitVectorChannel Create(string name) => name switch
    {
        "topk-sparsemax" => new TopKSparsemaxBitChannel(name, k: 6),
        "sparsemap" => new SparseMapBitChannel(name, budget: null, maxIterations: 1000),
        _ => new SparseMapBitChannel(name, budget: 2, maxIterations: 1000),
    };

    /// <summary>The exact objective of one image as a function of its scores, in double, through the channel's own plan.</summary>
    private static double Objective(string name, BitChannelProblem problem, float[] scores)
    {
        var plan = new BitVectorPlan(1, problem.Bits);
        Create(name).Plan(new Tensor(scores, 1, scores.Length), plan, new ChannelContext(new Rng(1)), training: true);
        double value = plan.Kl[0];
        for (int e = 0; e < plan.Count; e++) value += plan.Weight[e] * problem.Loss(plan.Messages.Slice(e * problem.Bits, problem.Bits));
        return value;
    }

    [Theory, MemberData(nameof(UniqueDecompositions))]
    public void Gradient_equals_finite_differences_of_the_exact_objective(string name)
    {
        var problem = new BitChannelProblem(Scores.Length, 11);
        var (dScores, plan, outcome) = problem.Step(Create(name), new Tensor((float[])Scores.Clone(), 1, Scores.Length), new ChannelContext(new Rng(1)));
        Assert.True(plan.Count > 1, $"{name}: the test needs a support of more than one configuration, got {plan.Count}");
        Assert.Equal(Objective(name, problem, Scores), outcome.NegativeElbo, 4);
        const float h = 1e-3f;
        for (int i = 0; i < Scores.Length; i++)
        {
            var plus = (float[])Scores.Clone();
            var minus = (float[])Scores.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (Objective(name, problem, plus) - Objective(name, problem, minus)) / (plus[i] - minus[i]);
            Assert.True(Math.Abs(numeric - dScores[0, i]) <= 2e-3 * (1 + Math.Abs(numeric)), $"{name}: d/ds_{i} = {dScores[0, i]}, finite differences {numeric}");
        }
    }

    /// <summary>
    /// Without a budget the decomposition of SparseMAP's (unique) marginals over the hypercube's vertices is
    /// not unique, and the solver's choice may jump under any perturbation (docs/ALGORITHMS.md §7.2.4), so the
    /// objective is differentiated with the active set A held fixed: w(s) solves the KKT system
    /// [[0, 1ᵀ], [1, G]] [τ; w] = [1; θ_A] on A, here by Gaussian elimination, independently of the solver's
    /// bordered inverse.
    /// </summary>
    [Fact]
    public void Sparsemap_gradient_equals_finite_differences_on_its_active_set()
    {
        var problem = new BitChannelProblem(Scores.Length, 11);
        int n = Scores.Length;
        var structure = new BudgetBitVectors(n, n);
        var solution = ActiveSetSolver.Solve(structure, [.. Scores.Select(v => (double)v), .. new double[n]], []);
        var active = solution.ActiveSet;
        Assert.True(active.Count > 2);
        double Objective(double[] s)
        {
            int m = active.Count;
            var k = new double[m + 1, m + 2];
            for (int j = 0; j < m; j++)
            {
                k[0, j + 1] = k[j + 1, 0] = 1;
                for (int l = 0; l < m; l++) k[j + 1, l + 1] = active[j].Agreement(active[l]);
                k[j + 1, m + 1] = Theta(active[j], s);
            }
            k[0, m + 1] = 1;
            var x = LinearSystem.Solve(k);
            double value = n * Math.Log(2);
            for (int j = 0; j < m; j++)
            {
                double w = x[j + 1];
                var z = active[j].ToArray().Select(b => b ? 1f : 0f).ToArray();
                value += w * problem.Loss(z) + (w > 0 ? w * Math.Log(w) : 0);
            }
            return value;
        }
        var (dScores, plan, _) = problem.Step(new SparseMapBitChannel("sparsemap", budget: null, maxIterations: 1000),
            new Tensor((float[])Scores.Clone(), 1, n), new ChannelContext(new Rng(1)));
        Assert.Equal(plan.Count, solution.Weights.Count(w => w > 1e-12));
        const double h = 1e-6;
        var s0 = Scores.Select(v => (double)v).ToArray();
        for (int i = 0; i < n; i++)
        {
            var plus = (double[])s0.Clone();
            var minus = (double[])s0.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (Objective(plus) - Objective(minus)) / (2 * h);
            Assert.True(Math.Abs(numeric - dScores[0, i]) <= 1e-4 * (1 + Math.Abs(numeric)), $"d/ds_{i} = {dScores[0, i]}, finite differences {numeric}");
        }
    }

    [Theory, MemberData(nameof(Channels))]
    public void Plan_is_the_support_with_its_weights_and_kl(string name)
    {
        var problem = new BitChannelProblem(Scores.Length, 3);
        var plan = new BitVectorPlan(2, Scores.Length);
        float[] two = [.. Scores, .. Scores.Select(s => -2 * s)];
        Create(name).Plan(new Tensor(two, 2, Scores.Length), plan, new ChannelContext(new Rng(1)), training: false);
        for (int b = 0; b < 2; b++)
        {
            var weights = Enumerable.Range(0, plan.Count).Where(e => plan.Image[e] == b).Select(e => (double)plan.Weight[e]).ToArray();
            Assert.All(weights, w => Assert.True(w > 0));
            Assert.Equal(1.0, weights.Sum(), 5);
            double entropy = -weights.Sum(w => w * Math.Log(w));
            Assert.Equal(Scores.Length * Math.Log(2) - entropy, plan.Kl[b], 5);
        }
        for (int e = 0; e < plan.Count; e++)
            Assert.All(plan.Messages.Slice(e * Scores.Length, Scores.Length).ToArray(), v => Assert.True(v is 0f or 1f));
        Assert.Equal(plan.Count / 2.0, plan.DecoderCallsPerImage);
    }

    [Fact]
    public void Topk_support_is_the_sparsemax_of_the_k_best_configurations()
    {
        var plan = new BitVectorPlan(1, Scores.Length);
        new TopKSparsemaxBitChannel("topk", 6).Plan(new Tensor((float[])Scores.Clone(), 1, Scores.Length), plan, new ChannelContext(new Rng(1)), true);
        // Brute force: score every configuration, keep the 6 best, sparsemax.
        var problem = new BitChannelProblem(Scores.Length, 1);
        var best = problem.AllConfigurations().Select(z => (z, Score: z.Select((v, i) => v * (double)Scores[i]).Sum()))
            .OrderByDescending(c => c.Score).Take(6).ToArray();
        var p = new double[6];
        Sparsemax.Forward<double>(best.Select(c => c.Score).ToArray(), p, 1.0);
        int support = p.Count(v => v > 0);
        Assert.Equal(support, plan.Count);
        for (int j = 0; j < support; j++)
        {
            Assert.Equal(best[j].z, plan.Messages.Slice(j * Scores.Length, Scores.Length).ToArray());
            Assert.Equal(p[j], plan.Weight[j], 6);
        }
    }

    [Fact]
    public void Sparsemap_budget_keeps_every_configuration_within_the_budget()
    {
        var plan = new BitVectorPlan(1, Scores.Length);
        new SparseMapBitChannel("budget", budget: 1).Plan(new Tensor([2f, 1.8f, 1.9f, -3f, 2.1f], 1, 5), plan, new ChannelContext(new Rng(1)), true);
        Assert.True(plan.Count > 1);
        for (int e = 0; e < plan.Count; e++) Assert.True(plan.Messages.Slice(e * 5, 5).ToArray().Sum() <= 1f);
    }

    /// <summary>θ_s = ⟨[x; 0], [z; 1 − z]⟩ = Σ_{i on} x_i.</summary>
    private static double Theta(BitConfiguration z, double[] x)
    {
        double sum = 0;
        foreach (int i in z.Ones) sum += x[i];
        return sum;
    }
}
