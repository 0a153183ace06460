namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// Output of <see cref="ActiveSetSolver"/>: a sparse distribution over structures (active set and weights,
/// zeros possible), its marginals μ_u = Σ w_j a_j and μ_v = Σ w_j b_j, the multiplier τ (θ_s − ⟨a_s, μ_u⟩ = τ
/// for every active s at the optimum) and the backward pass. μ is unique; the decomposition generally is not.
/// </summary>
public sealed class SparseMapSolution
{
    public required IReadOnlyList<BitConfiguration> ActiveSet { get; init; }

    public required double[] Weights { get; init; }

    public required double[] UnaryMarginals { get; init; }

    public required double[] AdditionalMarginals { get; init; }

    public required double Tau { get; init; }

    /// <summary>Loop passes used.</summary>
    public required int Iterations { get; init; }

    public required ActiveSetTermination Termination { get; init; }

    /// <summary>
    /// Insertions that were affinely dependent on the active set and resolved by swapping a structure out
    /// (§7.2 step 2b; possible only when additional parts make θ non-affine in a_s).
    /// </summary>
    public required int Swaps { get; init; }

    /// <summary>Jacobian-vector products through the returned active set (Q of the final bordered Gram).</summary>
    public required ActiveSetBackward Backward { get; init; }

    public bool Converged => Termination is ActiveSetTermination.Converged or ActiveSetTermination.RepeatedStructure;
}
