namespace AgentLab.Sparse.SparseMap;

/// <summary>Quantities every solver derives the same way from an <see cref="IStructure"/>.</summary>
public static class StructureExtensions
{
    /// <summary>θ_s = ⟨η_u, a_s⟩ + ⟨η_v, b_s⟩.</summary>
    public static double Score(this IStructure structure, BitConfiguration s, ReadOnlySpan<double> unaryScores,
        ReadOnlySpan<double> additionalScores) =>
        structure.UnaryDot(s, unaryScores) + structure.AdditionalDot(s, additionalScores);

    /// <summary>μ_u = Σ_j w_j a_j and μ_v = Σ_j w_j b_j of a decomposition (overwrites both outputs).</summary>
    public static void Marginals(this IStructure structure, IReadOnlyList<BitConfiguration> configurations,
        ReadOnlySpan<double> weights, Span<double> unaryMarginals, Span<double> additionalMarginals)
    {
        if (weights.Length != configurations.Count)
            throw new ArgumentException($"{configurations.Count} configurations but {weights.Length} weights", nameof(weights));
        unaryMarginals.Clear();
        additionalMarginals.Clear();
        for (int j = 0; j < configurations.Count; j++)
        {
            structure.AddUnary(configurations[j], weights[j], unaryMarginals);
            structure.AddAdditional(configurations[j], weights[j], additionalMarginals);
        }
    }

    /// <summary>Rejects scores of the wrong length or that are not finite (a NaN would silently stall the oracle).</summary>
    internal static void CheckScores(this IStructure structure, ReadOnlySpan<double> unaryScores, ReadOnlySpan<double> additionalScores)
    {
        Check(unaryScores, structure.UnaryCount, "unaryScores");
        Check(additionalScores, structure.AdditionalCount, "additionalScores");

        static void Check(ReadOnlySpan<double> values, int expected, string name)
        {
            if (values.Length != expected) throw new ArgumentException($"expected {expected} values, got {values.Length}", name);
            for (int i = 0; i < values.Length; i++)
                if (!double.IsFinite(values[i])) throw new ArgumentException($"entry {i} is {values[i]}; scores must be finite", name);
        }
    }
}
