namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// The SparseMAP Fenchel–Young loss for a gold structure g (docs/ALGORITHMS.md §7.2.5):
/// L = [⟨η, μ*⟩ − ½‖μ*_u‖²] − [θ_g − ½‖a_g‖²] ≥ 0, zero iff μ* = (a_g, b_g), with gradient
/// ∇_{η_u} L = μ*_u − a_g and ∇_{η_v} L = μ*_v − b_g (no backward through the solver is needed).
/// </summary>
public static class SparseMapLoss
{
    /// <summary>Solves SparseMAP, then returns the loss and writes its gradient.</summary>
    public static double Compute(IStructure structure, ReadOnlySpan<double> unaryScores, ReadOnlySpan<double> additionalScores,
        BitConfiguration gold, Span<double> unaryGradient, Span<double> additionalGradient, ActiveSetOptions? options = null)
    {
        var solution = ActiveSetSolver.Solve(structure, unaryScores, additionalScores, options);
        return FromSolution(structure, unaryScores, additionalScores, solution, gold, unaryGradient, additionalGradient);
    }

    /// <summary>The loss and gradient given an already computed solution for the same scores.</summary>
    public static double FromSolution(IStructure structure, ReadOnlySpan<double> unaryScores, ReadOnlySpan<double> additionalScores,
        SparseMapSolution solution, BitConfiguration gold, Span<double> unaryGradient, Span<double> additionalGradient)
    {
        if (!structure.IsFeasible(gold)) throw new ArgumentException($"gold structure {gold} is not in the structure set", nameof(gold));
        if (unaryGradient.Length != structure.UnaryCount || additionalGradient.Length != structure.AdditionalCount)
            throw new ArgumentException("gradient buffers must have the lengths of the scores");
        var muU = solution.UnaryMarginals;
        var muV = solution.AdditionalMarginals;
        double regularizedValue = 0, squaredNorm = 0;
        for (int i = 0; i < muU.Length; i++)
        {
            regularizedValue += unaryScores[i] * muU[i];
            squaredNorm += muU[i] * muU[i];
        }
        for (int i = 0; i < muV.Length; i++) regularizedValue += additionalScores[i] * muV[i];
        regularizedValue -= 0.5 * squaredNorm;
        double goldValue = structure.Score(gold, unaryScores, additionalScores) - 0.5 * structure.UnaryOverlap(gold, gold);

        muU.CopyTo(unaryGradient);
        muV.CopyTo(additionalGradient);
        structure.AddUnary(gold, -1, unaryGradient);
        structure.AddAdditional(gold, -1, additionalGradient);
        // The true loss is ≥ 0; rounding in the solver can leave about −1e-15 at the optimum.
        return Math.Max(0, regularizedValue - goldValue);
    }
}
