namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// Shared part of the structures over n binary variables: the unary indicator comes from a
/// <see cref="StateEncoding"/>, and there are no additional parts unless a subclass adds them.
/// Subclasses supply the oracle and the feasibility rule.
/// </summary>
public abstract class BinaryStructure : IStructure
{
    protected BinaryStructure(int variableCount, StateEncoding encoding)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(variableCount, 1);
        VariableCount = variableCount;
        Encoding = encoding;
    }

    public int VariableCount { get; }

    public StateEncoding Encoding { get; }

    public int UnaryCount => Encoding.UnaryCount(VariableCount);

    public virtual int AdditionalCount => 0;

    public abstract BitConfiguration Map(ReadOnlySpan<double> unaryScores, ReadOnlySpan<double> additionalScores);

    public abstract bool IsFeasible(BitConfiguration z);

    public int UnaryOverlap(BitConfiguration s, BitConfiguration t) => Encoding.Overlap(s, t);

    public double UnaryDot(BitConfiguration s, ReadOnlySpan<double> values) => Encoding.Dot(s, values);

    public void AddUnary(BitConfiguration s, double weight, Span<double> target) => Encoding.Add(s, weight, target);

    public virtual double AdditionalDot(BitConfiguration s, ReadOnlySpan<double> values) => 0;

    public virtual void AddAdditional(BitConfiguration s, double weight, Span<double> target)
    {
    }

    /// <summary>Checks the score lengths every oracle receives.</summary>
    protected void CheckScores(ReadOnlySpan<double> unaryScores, ReadOnlySpan<double> additionalScores)
    {
        if (unaryScores.Length != UnaryCount)
            throw new ArgumentException($"expected {UnaryCount} unary scores, got {unaryScores.Length}", nameof(unaryScores));
        if (additionalScores.Length != AdditionalCount)
            throw new ArgumentException($"expected {AdditionalCount} additional scores, got {additionalScores.Length}", nameof(additionalScores));
    }
}
