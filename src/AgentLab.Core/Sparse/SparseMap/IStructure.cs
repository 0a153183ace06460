namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// A set of structures 𝒮 as SparseMAP sees it (docs/ALGORITHMS.md §7.1): each structure s has a unary
/// indicator a_s ∈ {0,1}^U, which enters the quadratic ½‖μ_u‖², and an additional indicator b_s ∈ {0,1}^V,
/// which enters linearly only (e.g. transitions). Scores are η_u (length U) and η_v (length V), and
/// θ_s = ⟨η_u, a_s⟩ + ⟨η_v, b_s⟩. The solvers only ever touch structures through this interface.
/// </summary>
public interface IStructure
{
    /// <summary>Number of binary variables n of a configuration.</summary>
    int VariableCount { get; }

    /// <summary>U, the length of a_s, η_u and μ_u.</summary>
    int UnaryCount { get; }

    /// <summary>V, the length of b_s, η_v and μ_v (0 when there are no additional parts).</summary>
    int AdditionalCount { get; }

    /// <summary>
    /// MAP oracle: argmax_s ⟨η_u, a_s⟩ + ⟨η_v, b_s⟩ with the structure's pinned tie rule (the active-set
    /// iterates sit exactly on ties at the optimum, so the rule decides which decomposition is returned).
    /// </summary>
    BitConfiguration Map(ReadOnlySpan<double> unaryScores, ReadOnlySpan<double> additionalScores);

    /// <summary>Whether z belongs to 𝒮 (e.g. respects the budget).</summary>
    bool IsFeasible(BitConfiguration z);

    /// <summary>⟨a_s, a_t⟩, an entry of the Gram matrix G (additional parts are not part of G).</summary>
    int UnaryOverlap(BitConfiguration s, BitConfiguration t);

    /// <summary>⟨a_s, values⟩ for a vector of length U.</summary>
    double UnaryDot(BitConfiguration s, ReadOnlySpan<double> values);

    /// <summary>target += weight · a_s.</summary>
    void AddUnary(BitConfiguration s, double weight, Span<double> target);

    /// <summary>⟨b_s, values⟩ for a vector of length V.</summary>
    double AdditionalDot(BitConfiguration s, ReadOnlySpan<double> values);

    /// <summary>target += weight · b_s.</summary>
    void AddAdditional(BitConfiguration s, double weight, Span<double> target);
}
