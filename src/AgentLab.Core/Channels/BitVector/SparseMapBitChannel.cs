using AgentLab.Numerics;
using AgentLab.Sparse.SparseMap;

namespace AgentLab.Channels.BitVector;

/// <summary>
/// SparseMAP over bit-vectors with both states in the quadratic (Correia et al. 2020 `budget.h`,
/// docs/ALGORITHMS.md §7.4(b)): η_u = [s; 0], configurations with at most <c>budget</c> bits on (no budget
/// when budget ≥ D). The active-set solver returns a sparse distribution over configurations; the decoder
/// runs once per configuration with weight &gt; 0 and the loss is the exact expectation, in training and in
/// evaluation alike. The gradient flows to the scores through the weights' Jacobian (§7.2.3): the on-part
/// of Σ_j a_j (Q g)_j with g_j = (ℓ_j + log w_j + 1) / B.
/// </summary>
public sealed class SparseMapBitChannel : IBitVectorChannel
{
    private readonly int? _budget;
    private readonly ActiveSetOptions _options;
    private SparseMapSolution[] _solutions = [];
    private int[][] _evaluation = [];

    /// <param name="budget">At most this many bits on; null for no budget.</param>
    /// <param name="maxIterations">Active-set passes (the reference's VAE uses 300).</param>
    public SparseMapBitChannel(string name, int? budget, int maxIterations = 300)
    {
        if (budget is < 1) throw new ArgumentOutOfRangeException(nameof(budget), budget, "the budget must be at least 1");
        Name = name;
        _budget = budget;
        _options = new ActiveSetOptions { MaxIterations = maxIterations };
    }

    public string Name { get; }

    public void Plan(Tensor scores, BitVectorPlan plan, ChannelContext context, bool training)
    {
        int batch = scores.Shape[0], bits = scores.Shape[1];
        var structure = new BudgetBitVectors(bits, Math.Min(_budget ?? bits, bits));
        if (_solutions.Length != batch)
        {
            _solutions = new SparseMapSolution[batch];
            _evaluation = new int[batch][];
        }
        plan.Clear();
        var unary = new double[2 * bits];
        for (int b = 0; b < batch; b++)
        {
            var row = scores.Row(b);
            for (int i = 0; i < bits; i++)
            {
                if (!float.IsFinite(row[i])) throw new NonFiniteException($"{Name}: bit score {i} of image {b} is {row[i]}");
                unary[i] = row[i];
            }
            var solution = ActiveSetSolver.Solve(structure, unary, [], _options);
            _solutions[b] = solution;
            var evaluation = _evaluation[b] = new int[solution.ActiveSet.Count];
            for (int j = 0; j < evaluation.Length; j++)
            {
                evaluation[j] = -1;
                double w = solution.Weights[j];
                if (!(w > SparseConfigurationObjective.ZeroWeight)) continue;
                evaluation[j] = plan.Count;
                var z = plan.Add(b, (float)w);
                foreach (int i in solution.ActiveSet[j].Ones) z[i] = 1f;
            }
            plan.Kl[b] = SparseConfigurationObjective.KlToUniform(solution.Weights, bits);
        }
    }

    public BitVectorOutcome Assess(Tensor scores, BitVectorPlan plan, ReadOnlySpan<float> losses, Tensor inputs, ChannelContext context,
        Tensor dScores)
    {
        int batch = scores.Shape[0], bits = scores.Shape[1];
        var dUnary = new double[2 * bits];
        double reconstruction = 0, kl = 0;
        for (int b = 0; b < batch; b++)
        {
            var solution = _solutions[b];
            var dWeights = new double[solution.Weights.Length];
            reconstruction += SparseConfigurationObjective.WeightCotangent(solution.Weights, _evaluation[b], losses, 1.0 / batch, dWeights);
            solution.Backward.WeightsVjp(dWeights, dUnary, []);
            var ds = dScores.Row(b);
            for (int i = 0; i < bits; i++) ds[i] = (float)dUnary[i]; // η_on = s, η_off = 0: ∂/∂s is the on-part
            kl += plan.Kl[b];
        }
        reconstruction /= batch;
        kl /= batch;
        return new BitVectorOutcome(reconstruction + kl, reconstruction, kl, plan.DecoderCallsPerImage);
    }
}
