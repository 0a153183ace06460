namespace AgentLab.Sparse.SparseMap;

/// <summary>Settings of <see cref="ActiveSetSolver"/>; the defaults are those the golden files were made with.</summary>
public sealed record ActiveSetOptions
{
    public static ActiveSetOptions Default { get; } = new();

    /// <summary>
    /// Loop passes (each one solve-and-ratio-test or one oracle call). The reference default is 10 and
    /// lvmhelpers uses 100–300; 1000 converges every problem of the size used here. Running out is not an
    /// error: the current active set and weights are returned.
    /// </summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Converged once the oracle's value v* ≤ τ + this (the reference's 1e-9).</summary>
    public double ConvergenceTolerance { get; init; } = 1e-9;

    /// <summary>An insertion whose Schur complement is below this in magnitude is treated as affinely dependent.</summary>
    public double SingularTolerance { get; init; } = 1e-9;

    /// <summary>Entries of the unit null vector below this count as zero when choosing the structure to swap out.</summary>
    public double NullComponentTolerance { get; init; } = 1e-9;

    internal void Validate()
    {
        if (MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "at least one iteration is needed");
        if (!(ConvergenceTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(ConvergenceTolerance), ConvergenceTolerance, "must be ≥ 0");
        if (!(SingularTolerance > 0)) throw new ArgumentOutOfRangeException(nameof(SingularTolerance), SingularTolerance, "must be > 0");
        if (!(NullComponentTolerance > 0)) throw new ArgumentOutOfRangeException(nameof(NullComponentTolerance), NullComponentTolerance, "must be > 0");
    }
}
