namespace AgentLab.Sparse.SparseMap;

/// <summary>The conditional-gradient (Frank–Wolfe) variants of docs/ALGORITHMS.md §7.3.</summary>
public enum ConditionalGradientVariant
{
    /// <summary>Towards the oracle's vertex, step ≤ 1; converges sublinearly.</summary>
    Vanilla,

    /// <summary>Either towards the oracle's vertex or away from the worst active vertex, whichever is steeper.</summary>
    AwayStep,

    /// <summary>Moves weight from the worst active vertex to the oracle's vertex.</summary>
    Pairwise,
}
