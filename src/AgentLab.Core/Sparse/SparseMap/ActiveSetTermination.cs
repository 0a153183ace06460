namespace AgentLab.Sparse.SparseMap;

/// <summary>Why <see cref="ActiveSetSolver"/> stopped.</summary>
public enum ActiveSetTermination
{
    /// <summary>The oracle found nothing better than τ + tolerance: the KKT conditions hold.</summary>
    Converged,

    /// <summary>
    /// The oracle returned a structure already in the active set: optimal up to rounding (the reference
    /// treats this as convergence too).
    /// </summary>
    RepeatedStructure,

    /// <summary>MaxIterations ran out; the current active set and weights are returned.</summary>
    MaxIterations,

    /// <summary>An affinely dependent insertion could not be resolved by swapping; the current state is returned.</summary>
    UnresolvedDegeneracy,
}
