namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// Result of a closed-form marginal computation μ = clip(x − τ, 0, 1): the threshold τ and whether the
/// budget constraint Σμ ≤ k is active (it decides the Jacobian: with it, the fractional coordinates also
/// share the sum constraint).
/// </summary>
public readonly record struct ClosedFormMarginals(double Tau, bool BudgetBinding);
