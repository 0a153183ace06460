namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// Output of <see cref="ConditionalGradient"/>: the sparse distribution it ended at (atoms in order of
/// first use), its marginals, the number of updates and the last duality gap ⟨−∇, d⟩.
/// </summary>
public sealed record ConditionalGradientResult(
    IReadOnlyList<BitConfiguration> ActiveSet,
    double[] Weights,
    double[] UnaryMarginals,
    double[] AdditionalMarginals,
    int Updates,
    double Gap);
