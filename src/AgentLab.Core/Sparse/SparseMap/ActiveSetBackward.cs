namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// Differentiation through a fixed active set (docs/ALGORITHMS.md §7.2.3). With Q the lower-right m×m block
/// of the bordered Gram inverse, dw/dθ_A = Q (symmetric) and θ_A = Aᵀη_u + Bᵀη_v, so
/// ∂⟨g, w⟩/∂η_u = Σ_j a_j (Qg)_j, ∂⟨g, w⟩/∂η_v = Σ_j b_j (Qg)_j, and the marginals μ = [A; B] w have the
/// symmetric Jacobian [A; B] Q [A; B]ᵀ (dμ_u = A Q Aᵀ dη_u when only η_u moves). The weight Jacobian is relative
/// to this active set; the marginal Jacobian is the same for every valid decomposition.
/// </summary>
public sealed class ActiveSetBackward
{
    private readonly IStructure _structure;
    private readonly BitConfiguration[] _activeSet;
    private readonly double[] _q;

    internal ActiveSetBackward(IStructure structure, BitConfiguration[] activeSet, double[] q)
    {
        _structure = structure;
        _activeSet = activeSet;
        _q = q;
    }

    /// <summary>
    /// The backward of a given active set, Q computed from scratch by bordering one structure at a time
    /// (e.g. to differentiate a decomposition produced elsewhere). Throws if the a_s are affinely dependent,
    /// since then the weights are not a function of θ.
    /// </summary>
    public static ActiveSetBackward FromActiveSet(IStructure structure, IReadOnlyList<BitConfiguration> activeSet,
        double singularTolerance = 1e-9)
    {
        if (activeSet.Count == 0) throw new ArgumentException("the active set is empty", nameof(activeSet));
        var inverse = new BorderedGramInverse();
        inverse.Reset(structure.UnaryOverlap(activeSet[0], activeSet[0]));
        var overlaps = new double[activeSet.Count];
        for (int s = 1; s < activeSet.Count; s++)
        {
            for (int j = 0; j < s; j++) overlaps[j] = structure.UnaryOverlap(activeSet[j], activeSet[s]);
            if (!inverse.TryAppend(overlaps.AsSpan(0, s), structure.UnaryOverlap(activeSet[s], activeSet[s]), singularTolerance))
                throw new ArgumentException($"active structure {s} ({activeSet[s]}) is an affine combination of the ones before it", nameof(activeSet));
        }
        return new ActiveSetBackward(structure, activeSet.ToArray(), inverse.CopyQ());
    }

    /// <summary>m, the size of the active set.</summary>
    public int Count => _activeSet.Length;

    /// <summary>Q_ij = ∂w_i/∂θ_j.</summary>
    public double Q(int i, int j) => _q[i * Count + j];

    /// <summary>dw = Q (Aᵀ dη_u + Bᵀ dη_v).</summary>
    public void WeightsJvp(ReadOnlySpan<double> dUnary, ReadOnlySpan<double> dAdditional, Span<double> dWeights)
    {
        CheckLength(dUnary, _structure.UnaryCount, nameof(dUnary));
        CheckLength(dAdditional, _structure.AdditionalCount, nameof(dAdditional));
        CheckLength(dWeights, Count, nameof(dWeights));
        Span<double> dTheta = Count <= 256 ? stackalloc double[Count] : new double[Count];
        for (int j = 0; j < Count; j++) dTheta[j] = _structure.Score(_activeSet[j], dUnary, dAdditional);
        MultiplyQ(dTheta, dWeights);
    }

    /// <summary>VJP of the weights: dη_u = Σ_j a_j (Qg)_j, dη_v = Σ_j b_j (Qg)_j (overwrites both).</summary>
    public void WeightsVjp(ReadOnlySpan<double> weightCotangent, Span<double> dUnary, Span<double> dAdditional)
    {
        CheckLength(weightCotangent, Count, nameof(weightCotangent));
        CheckLength(dUnary, _structure.UnaryCount, nameof(dUnary));
        CheckLength(dAdditional, _structure.AdditionalCount, nameof(dAdditional));
        Span<double> qg = Count <= 256 ? stackalloc double[Count] : new double[Count];
        MultiplyQ(weightCotangent, qg);
        _structure.Marginals(_activeSet, qg, dUnary, dAdditional);
    }

    /// <summary>dμ = [A; B] Q [A; B]ᵀ dη for a perturbation (dη_u, dη_v) of the scores (overwrites the outputs).</summary>
    public void MarginalsJvp(ReadOnlySpan<double> dUnary, ReadOnlySpan<double> dAdditional, Span<double> dUnaryMarginals,
        Span<double> dAdditionalMarginals)
    {
        Span<double> dWeights = Count <= 256 ? stackalloc double[Count] : new double[Count];
        WeightsJvp(dUnary, dAdditional, dWeights);
        CheckLength(dUnaryMarginals, _structure.UnaryCount, nameof(dUnaryMarginals));
        CheckLength(dAdditionalMarginals, _structure.AdditionalCount, nameof(dAdditionalMarginals));
        _structure.Marginals(_activeSet, dWeights, dUnaryMarginals, dAdditionalMarginals);
    }

    /// <summary>∂⟨g_u, μ_u⟩ + ⟨g_v, μ_v⟩ w.r.t. (η_u, η_v); equal to the JVP because the Jacobian is symmetric.</summary>
    public void MarginalsVjp(ReadOnlySpan<double> unaryCotangent, ReadOnlySpan<double> additionalCotangent, Span<double> dUnary,
        Span<double> dAdditional) =>
        MarginalsJvp(unaryCotangent, additionalCotangent, dUnary, dAdditional);

    private void MultiplyQ(ReadOnlySpan<double> vector, Span<double> result)
    {
        int m = Count;
        for (int i = 0; i < m; i++)
        {
            double sum = 0;
            for (int j = 0; j < m; j++) sum += _q[i * m + j] * vector[j];
            result[i] = sum;
        }
    }

    private static void CheckLength(ReadOnlySpan<double> values, int expected, string name)
    {
        if (values.Length != expected) throw new ArgumentException($"expected {expected} values, got {values.Length}", name);
    }
}
