using System.Globalization;

namespace AgentLab.Memory;

/// <summary>
/// The transform p = yhat(θ) a Hopfield update applies over the N memories (HOPFIELD.md §3), θ = β X q.
/// Immutable; create one with the factories or <see cref="Parse"/>. Every map is applied at temperature 1:
/// β is folded into the scores.
/// </summary>
public sealed record RetrievalMap
{
    /// <summary>The reference's pair score w of sequential recall (HFYN: w = 1e8, "pick an adjacent pair").</summary>
    public const double DefaultPairScore = 1e8;

    /// <summary>The command-line names, in the order of <see cref="RetrievalMapKind"/>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["softmax", "sparsemax", "entmax15", "entmax", "normmax", "ksubsets", "sequential-ksubsets"];

    private RetrievalMap(RetrievalMapKind kind, double alpha, int k, double pairScore)
    {
        Kind = kind;
        Alpha = alpha;
        K = k;
        PairScore = pairScore;
    }

    public RetrievalMapKind Kind { get; }

    /// <summary>α of entmax (1 for softmax, 1.5, 2 for sparsemax) or γ of normmax; NaN for the SparseMAP maps.</summary>
    public double Alpha { get; }

    /// <summary>k of the SparseMAP maps (the marginals sum to k); 0 otherwise.</summary>
    public int K { get; }

    /// <summary>w added for each pair of consecutive selected memories (sequential k-subsets only; else 0).</summary>
    public double PairScore { get; }

    public static RetrievalMap Softmax { get; } = new(RetrievalMapKind.Softmax, 1, 0, 0);

    public static RetrievalMap Sparsemax { get; } = new(RetrievalMapKind.Sparsemax, 2, 0, 0);

    public static RetrievalMap Entmax15 { get; } = new(RetrievalMapKind.Entmax15, 1.5, 0, 0);

    /// <summary>α-entmax by bisection (50 steps, the reference's); α &gt; 1.</summary>
    public static RetrievalMap Entmax(double alpha) => new(RetrievalMapKind.Entmax, CheckExponent(alpha, "alpha"), 0, 0);

    /// <summary>γ-normmax by bisection (50 steps, the reference's); γ &gt; 1.</summary>
    public static RetrievalMap Normmax(double gamma) => new(RetrievalMapKind.Normmax, CheckExponent(gamma, "alpha"), 0, 0);

    /// <summary>SparseMAP k-subsets: μ = clip(θ − τ, 0, 1), Σμ = k; q = Xᵀμ uses the raw marginals (not divided by k).</summary>
    public static RetrievalMap KSubsets(int k) => new(RetrievalMapKind.KSubsets, double.NaN, CheckK(k), 0);

    /// <summary>
    /// SparseMAP sequential k-subsets over the memories in stored order: exactly k selected, plus
    /// <paramref name="pairScore"/> for every pair of consecutive selected memories (active set with the
    /// budgeted Viterbi oracle). The reference's sequential recall uses k = 2, w = 1e8.
    /// </summary>
    public static RetrievalMap SequentialKSubsets(int k = 2, double pairScore = DefaultPairScore)
    {
        if (!double.IsFinite(pairScore)) throw new ArgumentException($"the pair score must be finite, got {pairScore}", nameof(pairScore));
        return new(RetrievalMapKind.SequentialKSubsets, double.NaN, CheckK(k), pairScore);
    }

    /// <summary>
    /// The map of a command-line name (see <see cref="Names"/>). entmax and normmax need α (γ); ksubsets needs
    /// k; sequential-ksubsets takes k (default 2). A parameter that does not apply is an error too.
    /// </summary>
    /// <exception cref="ArgumentException">The name, α or k is wrong; ParamName is "name", "alpha" or "k".</exception>
    public static RetrievalMap Parse(string name, double? alpha = null, int? k = null)
    {
        if (!Names.Contains(name))
            throw new ArgumentException($"unknown transform \"{name}\" (expected one of {string.Join(", ", Names)})", nameof(name));
        bool takesAlpha = name is "entmax" or "normmax", takesK = name is "ksubsets" or "sequential-ksubsets";
        if (takesAlpha && alpha is null) throw new ArgumentException($"{name} needs alpha (> 1)", nameof(alpha));
        if (!takesAlpha && alpha is not null) throw new ArgumentException($"alpha does not apply to {name}", nameof(alpha));
        if (name == "ksubsets" && k is null) throw new ArgumentException("ksubsets needs k (a positive integer)", nameof(k));
        if (!takesK && k is not null) throw new ArgumentException($"k does not apply to {name}", nameof(k));
        return name switch
        {
            "softmax" => Softmax,
            "sparsemax" => Sparsemax,
            "entmax15" => Entmax15,
            "entmax" => Entmax(alpha!.Value),
            "normmax" => Normmax(alpha!.Value),
            "ksubsets" => KSubsets(k!.Value),
            _ => SequentialKSubsets(k ?? 2),
        };
    }

    /// <summary>The command-line name.</summary>
    public string Name => Names[(int)Kind];

    /// <summary>
    /// The margin m of the map (HOPFIELD.md §4): yhat(θ) = e_j iff θ_j − max_{i≠j} θ_i ≥ m, so a pattern with
    /// separation Δ ≥ m/β is a fixed point. 1/(α−1) for entmax (2 for 1.5-entmax, 1 for sparsemax), 1 for every
    /// normmax; for k-subsets the top k are selected exactly iff θ_(k) − θ_(k+1) ≥ 1. Null where there is none
    /// (softmax, sequential k-subsets).
    /// </summary>
    public double? Margin => Kind switch
    {
        RetrievalMapKind.Softmax or RetrievalMapKind.SequentialKSubsets => null,
        RetrievalMapKind.Normmax or RetrievalMapKind.KSubsets => 1.0,
        _ => 1.0 / (Alpha - 1),
    };

    /// <summary>Whether p is typically sparse (every map but softmax).</summary>
    public bool IsSparse => Kind != RetrievalMapKind.Softmax;

    /// <summary>Whether <see cref="HopfieldEnergy"/> is defined for this map (all but sequential k-subsets).</summary>
    public bool HasEnergy => Kind != RetrievalMapKind.SequentialKSubsets;

    public override string ToString() => Kind switch
    {
        RetrievalMapKind.Entmax or RetrievalMapKind.Normmax => $"{Name}(alpha={Alpha.ToString("R", CultureInfo.InvariantCulture)})",
        RetrievalMapKind.KSubsets => $"{Name}(k={K})",
        RetrievalMapKind.SequentialKSubsets => $"{Name}(k={K}, w={PairScore.ToString("R", CultureInfo.InvariantCulture)})",
        _ => Name,
    };

    private static double CheckExponent(double value, string paramName)
    {
        if (!double.IsFinite(value) || !(value > 1))
            throw new ArgumentException($"{paramName} must be a finite number greater than 1, got {value.ToString("R", CultureInfo.InvariantCulture)}", paramName);
        return value;
    }

    private static int CheckK(int k)
    {
        if (k < 1) throw new ArgumentException($"k must be a positive integer, got {k}", nameof(k));
        return k;
    }
}
