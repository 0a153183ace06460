using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentLab.Tests.Sparse;

/// <summary>
/// One case of data/golden/transforms.json (float64 reference values, docs/ALGORITHMS.md §0). Only the
/// fields of the ops tested here are mapped; the others are ignored.
/// </summary>
public sealed record GoldenCase
{
    public required string Id { get; init; }
    public required string Op { get; init; }
    public Dictionary<string, JsonElement> Params { get; init; } = [];
    public double[] X { get; init; } = [];
    public double[]? Y { get; init; }
    public double[]? Cotangent { get; init; }
    public double[]? Vjp { get; init; }
    public double? Tau { get; init; }
    public int? SupportSize { get; init; }
    public double? DAlpha { get; init; }
    public int? Target { get; init; }
    public double? Loss { get; init; }
    public double[]? PStar { get; init; }
    public double[]? Grad { get; init; }
    public string[]? Configs { get; init; }
    public double[]? ConfigScores { get; init; }
    public double[]? P { get; init; }
    public double[]? ExpectedBits { get; init; }

    // SparseMAP ops (docs/ALGORITHMS.md §0, §7).
    public double[]? WPair { get; init; }
    public double[]? Marginals { get; init; }
    public double[]? MarginalsOn { get; init; }
    public double[]? MarginalsPair { get; init; }
    public double[]? CotangentMarginals { get; init; }
    public double[]? VjpXFromMarginals { get; init; }
    public string[]? ActiveSet { get; init; }
    public double[]? Weights { get; init; }
    public double[]? CotangentWeights { get; init; }
    public double[]? VjpXFromWeights { get; init; }
    public double[]? VjpWFromWeights { get; init; }
    public string? GoldConfig { get; init; }
    public double? FyLoss { get; init; }
    public double[]? FyGradX { get; init; }

    [JsonPropertyName("active_set_stable_under_1e-6_perturbation")]
    public bool? ActiveSetStable { get; init; }

    [JsonPropertyName("frank_wolfe_40_iters")]
    public Dictionary<string, GoldenConditionalGradient>? FrankWolfe40Iters { get; init; }
    // Stochastic channels (§8): the recorded noise in, the sample and its VJP w.r.t. the logits out.
    public double[]? Logits { get; init; }
    public double[]? Normals { get; init; }
    public double[][]? NormalsPairs { get; init; }
    public double[]? Uniforms { get; init; }
    public double[]? Gumbels { get; init; }
    public double[]? YSoft { get; init; }
    public double[]? VjpLogits { get; init; }
    public double[]? MixedEntropyReferenceFormula { get; init; }
    public double[]? MixedEntropyCorrected { get; init; }
    public double[]? P0 { get; init; }
    public double[]? P1 { get; init; }

    public double Temperature => Params.TryGetValue("temperature", out var t) ? t.GetDouble() : 1.0;
    public double Alpha => Params["alpha"].GetDouble();
    public int K => Params["k"].GetInt32();
    public int Budget => Params["budget"].GetInt32();
    public string BudgetKind => Params.TryGetValue("budget_kind", out var b) ? b.GetString()! : "exact";
    public double EmulationShift => Params["emulation_shift_on_scores"].GetDouble();
    public double Param(string name) => Params[name].GetDouble();

    public override string ToString() => Id;
}

/// <summary>One conditional-gradient variant's result in a sparsemap_ksubset case (`frank_wolfe_40_iters`).</summary>
public sealed record GoldenConditionalGradient
{
    public string[] ActiveSet { get; init; } = [];
    public double[] Weights { get; init; } = [];
    public double[] Marginals { get; init; } = [];
}

/// <summary>Loads the golden file once and serves cases by id and by op.</summary>
public static class GoldenTransforms
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly Lazy<IReadOnlyDictionary<string, GoldenCase>> Cases = new(Load);

    public static GoldenCase Get(string id) => Cases.Value[id];

    /// <summary>Case ids of one op, as xunit member data (one test per case).</summary>
    public static TheoryData<string> IdsOf(string op)
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases.Value.Values)
            if (c.Op == op) data.Add(c.Id);
        if (data.Count == 0) throw new InvalidOperationException($"the golden file has no case of op {op}");
        return data;
    }

    private static IReadOnlyDictionary<string, GoldenCase> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "data", "golden", "transforms.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        if (root.GetProperty("dtype").GetString() != "float64") throw new InvalidDataException("expected float64 goldens");
        var byId = new Dictionary<string, GoldenCase>();
        foreach (var element in root.GetProperty("cases").EnumerateArray())
        {
            string op = element.GetProperty("op").GetString()!;
            if (!TestedOps.Contains(op)) continue;
            var c = element.Deserialize<GoldenCase>(Options) ?? throw new InvalidDataException("null case");
            byId.Add(c.Id, c);
        }
        return byId;
    }

    private static readonly HashSet<string> TestedOps =
    [
        "softmax", "sparsemax", "entmax15", "entmax_bisect", "normmax_bisect", "sparsemax_partial_sort", "entmax15_partial_sort",
        "softmax_ce", "sparsemax_loss", "entmax15_loss", "entmax_bisect_loss", "normmax_bisect_loss", "topk_sparsemax_bitvector",
        "sparsemap_ksubset", "sparsemap_bitvector_budget", "sparsemap_sequence_budget",
        "gumbel_softmax", "gumbel_softmax_st", "kd_hard_concrete", "gaussian_sparsemax", "bit_gaussian_sparsemax", "binary_concrete",
        "hard_concrete_bit",
    ];
}
