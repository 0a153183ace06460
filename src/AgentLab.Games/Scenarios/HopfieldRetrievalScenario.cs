using AgentLab.Memory;

namespace AgentLab.Games.Scenarios;

/// <summary>
/// Everything a Hopfield retrieval run needs, validated: which images become memories, how the queries are
/// corrupted, and the grid of recall settings to measure (memory sizes x corruptions x maps x (post, beta)
/// settings x step counts x seeds). Defaults are the protocol of HOPFIELD.md §8 on Fashion-MNIST.
/// </summary>
public sealed record HopfieldRetrievalScenario
{
    public const string Game = "hopfield-retrieval";
    public static readonly string[] Sources = ["fashion-mnist", "npy"];
    public static readonly string[] PixelScalings = ["minus-one-to-one", "unchanged"];
    public static readonly string[] Corruptions = ["noise", "mask"];
    public static readonly string[] Orders = ["torch", "rng"];

    public required string Name { get; init; }
    public required string File { get; init; }

    // data
    public required string Source { get; init; }
    public string? Root { get; init; }
    public string? FeaturesPath { get; init; }

    /// <summary>"minus-one-to-one" maps pixels in [0, 1] to 2x - 1 (ToTensor + Normalize(0.5, 0.5)); "unchanged" keeps the values.</summary>
    public required string Pixels { get; init; }

    /// <summary>Rows of each image (row-major); the mask zeroes the bottom floor(rows / 2). Null: one feature per row.</summary>
    public int? ImageHeight { get; init; }

    // memory
    public required IReadOnlyList<int> Sizes { get; init; }
    public required IReadOnlyList<int> Seeds { get; init; }

    /// <summary>
    /// How a seed orders the patterns: "torch" as the reference code (torch.manual_seed(seed); torch.randperm), so
    /// the memories are the reference's own; "rng" with AgentLab's generator.
    /// </summary>
    public required string Order { get; init; }

    // queries
    public required IReadOnlyList<string> CorruptionKinds { get; init; }
    public required double NoiseStd { get; init; }

    /// <summary>Clamp noisy queries to [-1, 1], the range of minus-one-to-one pixels (the default only for those).</summary>
    public required bool Clamp { get; init; }

    // recall
    public required IReadOnlyList<RetrievalMap> Maps { get; init; }
    public required IReadOnlyList<RetrievalSetting> Settings { get; init; }
    public required IReadOnlyList<int> Steps { get; init; }
    public required bool StopWhenStable { get; init; }
    public required int Batch { get; init; }

    // scoring
    public required double ExactCosine { get; init; }
    public required double SuccessCosine { get; init; }

    public static HopfieldRetrievalScenario Parse(ScenarioNode root)
    {
        root.String("game", Game, [Game]);
        var data = root.Section("data");
        var memory = root.Section("memory");
        var queries = root.Section("queries");
        var recall = root.Section("recall");
        var scoring = root.Section("scoring");

        string source = data.String("source", "fashion-mnist", Sources);
        string pixels = data.String("pixels", source == "fashion-mnist" ? "minus-one-to-one" : "unchanged", PixelScalings);
        var maps = recall.OptionalSectionList("maps", "name")?.Select(ParseMap).ToList() ?? DefaultMaps;
        var settings = recall.OptionalSectionList("settings", "post")?.Select(ParseSetting).ToList() ?? DefaultSettings;
        var scenario = new HopfieldRetrievalScenario
        {
            Name = Path.GetFileNameWithoutExtension(root.File),
            File = root.File,
            Source = source,
            Root = ScenarioPaths.Resolve(root.File, data.OptionalString("root")),
            FeaturesPath = ScenarioPaths.Resolve(root.File, data.OptionalString("features")),
            Pixels = pixels,
            ImageHeight = source == "fashion-mnist" ? Data.FashionMnist.ImageSide : OptionalInt(data, "image_height"),
            Sizes = memory.IntList("sizes", [64, 256, 1024], 1, 1 << 20),
            Seeds = memory.IntList("seeds", [0, 1, 2, 3, 4], 0, int.MaxValue),
            Order = memory.String("order", "torch", Orders),
            CorruptionKinds = queries.StringList("corruptions", Corruptions, Corruptions),
            NoiseStd = queries.Double("noise_std", 0.3, 0, 1e6),
            Clamp = queries.Bool("clamp", pixels == "minus-one-to-one"),
            Maps = maps,
            Settings = settings,
            Steps = recall.IntList("steps", [1, 5], 1, 10_000),
            StopWhenStable = recall.Bool("stop_when_stable", false),
            Batch = recall.Int("batch", 256, 1, 1 << 16),
            ExactCosine = scoring.Double("exact_cosine", 0.99, -1, 1),
            SuccessCosine = scoring.Double("success_cosine", 0.9, -1, 1),
        };
        if (source == "npy" && scenario.FeaturesPath == null)
            throw data.Error("features", null, "is required when data.source is npy (a path to a .npy matrix, one pattern per row)");
        if (source == "fashion-mnist" && scenario.FeaturesPath != null)
            throw data.Error("features", null, "applies only to data.source npy");
        if (source == "npy" && scenario.Root != null)
            throw data.Error("root", null, "applies only to data.source fashion-mnist (the directory of its IDX files)");
        // [-1, 1] is the range only of minus-one-to-one pixels; other patterns would be clipped to a range
        // they do not have.
        if (scenario.Clamp && pixels != "minus-one-to-one")
            throw queries.Error("clamp", null, "clamps noisy queries to [-1, 1], the range of data.pixels minus-one-to-one; with data.pixels unchanged set it to false");
        RejectRepeats(memory, "sizes", scenario.Sizes);
        RejectRepeats(memory, "seeds", scenario.Seeds);
        RejectRepeats(recall, "steps", scenario.Steps);
        RejectRepeats(queries, "corruptions", scenario.CorruptionKinds);
        RejectRepeats(recall, "maps", maps.Select(RetrievalMapLabel.Of).ToList());
        RejectRepeats(recall, "settings", settings);
        foreach (var node in new[] { data, memory, queries, recall, scoring, root }) node.RejectUnknownKeys();
        return scenario;
    }

    private static int? OptionalInt(ScenarioNode node, string key) =>
        node.OptionalString(key) == null ? null : node.Int(key, 0, 1, 1 << 20);

    private static RetrievalMap ParseMap(ScenarioNode item)
    {
        if (item.OptionalString("name") == null) throw item.Error("name", null, $"is required (one of {string.Join(", ", RetrievalMap.Names)})");
        string name = item.String("name", "", RetrievalMap.Names);
        double? alpha = item.OptionalDouble("alpha", double.MinValue, double.MaxValue);
        int? k = item.OptionalString("k") == null ? null : item.Int("k", 1, int.MinValue, int.MaxValue);
        item.RejectUnknownKeys();
        try
        {
            return RetrievalMap.Parse(name, alpha, k);
        }
        catch (ArgumentException e)
        {
            // The map's own check says what is wrong with alpha or k (or that it does not apply).
            throw item.Error(e.ParamName ?? "name", null, "is invalid: " + e.Message.Split(" (Parameter")[0]);
        }
    }

    private static RetrievalSetting ParseSetting(ScenarioNode item)
    {
        var setting = new RetrievalSetting(PostTransformNames.Parse(item.String("post", "identity", PostTransformNames.All)), item.Double("beta", 1, 1e-12, 1e12));
        item.RejectUnknownKeys();
        return setting;
    }

    private static void RejectRepeats<T>(ScenarioNode node, string key, IReadOnlyList<T> items)
    {
        var repeated = items.GroupBy(item => item).FirstOrDefault(group => group.Count() > 1);
        if (repeated != null) throw node.Error(key, null, $"lists {repeated.Key} twice (each would be measured twice)");
    }

    // The settings of the reference measurements (HOPFIELD.md §8): four maps, identity post at beta 0.1 and 1,
    // l2 post at beta 20 and 100.
    private static readonly List<RetrievalMap> DefaultMaps =
        [RetrievalMap.Softmax, RetrievalMap.Entmax15, RetrievalMap.Sparsemax, RetrievalMap.Normmax(2)];

    private static readonly List<RetrievalSetting> DefaultSettings =
        [new(PostTransform.Identity, 0.1), new(PostTransform.Identity, 1), new(PostTransform.L2, 20), new(PostTransform.L2, 100)];
}
