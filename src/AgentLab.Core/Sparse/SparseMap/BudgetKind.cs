namespace AgentLab.Sparse.SparseMap;

/// <summary>Whether a budget k bounds the number of on variables exactly or from above.</summary>
public enum BudgetKind
{
    /// <summary>|z| = k.</summary>
    Exactly,

    /// <summary>|z| ≤ k.</summary>
    AtMost,
}
