using AgentLab.Games.Referential;

namespace AgentLab.Games.Scenarios;

/// <summary>
/// Everything a referential-game run needs, validated. Defaults are the paper's (REFERENTIAL_GAME.md):
/// 16 candidates, 256 messages, embedding 256, hidden 512, batch 64, 50,000 steps; learning rate and
/// entropy coefficient default per method.
/// </summary>
public sealed record ReferentialScenario
{
    public static readonly string[] Sources = ["fashion-mnist", "npy"];
    public static readonly string[] Normalizations = ["standardize", "standardize-l2", "l2", "none"];

    public required string Name { get; init; }
    public required string File { get; init; }

    // data
    public required string Source { get; init; }
    public string? Root { get; init; }
    public string? FeaturesPath { get; init; }
    public string? LabelsPath { get; init; }
    public string? TestFeaturesPath { get; init; }
    public string? TestLabelsPath { get; init; }
    public required string Normalization { get; init; }
    public required int Candidates { get; init; }
    /// <summary>Length of every row after l2 or standardize-l2 (1 = unit rows, the paper's features).</summary>
    public float RowNorm { get; init; } = 1f;

    // agents
    public required int Vocab { get; init; }
    public required int Embedding { get; init; }
    public required int Hidden { get; init; }
    public int Senders { get; init; } = 1;
    public int Receivers { get; init; } = 1;
    public AgentLab.Agents.Referential.PairingMode Pairing { get; init; } = AgentLab.Agents.Referential.PairingMode.Uniform;

    // training
    public required string Method { get; init; }
    public required long Steps { get; init; }
    public required int Batch { get; init; }
    public required long Seed { get; init; }
    public required float LearningRate { get; init; }
    public required float EntropyCoefficient { get; init; }
    public required int LogEvery { get; init; }
    public required int CheckpointEvery { get; init; }
    public required int ValidationEvery { get; init; }

    // evaluation
    public required int ValidationGames { get; init; }
    public required int TestGames { get; init; }
    public required long TestSeed { get; init; }
    public required int EvaluationBatch { get; init; }

    /// <summary>Reads and validates the scenario; <paramref name="method"/> (the command line's) overrides training.method.</summary>
    public static ReferentialScenario Parse(ScenarioNode root, string? method = null)
    {
        root.String("game", "referential", ["referential"]);
        var data = root.Section("data");
        var agents = root.Section("agents");
        var training = root.Section("training");
        var evaluation = root.Section("evaluation");

        string source = data.String("source", "fashion-mnist", Sources);
        string? fileMethod = training.OptionalString("method");
        string methodName = method ?? fileMethod ?? "sparsemax-marg";
        if (!ReferentialMethods.Names.Contains(methodName))
            throw training.Error("method", null, $"must be one of {string.Join(", ", ReferentialMethods.Names)}, got \"{methodName}\"");
        var defaults = ReferentialMethods.Get(methodName);

        var scenario = new ReferentialScenario
        {
            Name = Path.GetFileNameWithoutExtension(root.File),
            File = root.File,
            Source = source,
            Root = Resolve(root.File, data.OptionalString("root")),
            FeaturesPath = Resolve(root.File, data.OptionalString("features")),
            LabelsPath = Resolve(root.File, data.OptionalString("labels")),
            TestFeaturesPath = Resolve(root.File, data.OptionalString("test_features")),
            TestLabelsPath = Resolve(root.File, data.OptionalString("test_labels")),
            Normalization = data.String("normalization", source == "fashion-mnist" ? "standardize-l2" : "none", Normalizations),
            Candidates = data.Int("candidates", 16, 2, 1024),
            RowNorm = (float)data.Double("row_norm", 1, 1e-6, 1e6),
            Vocab = agents.Int("vocab", 256, 2, 1 << 16),
            Embedding = agents.Int("embedding", 256, 1, 1 << 14),
            Hidden = agents.Int("hidden", 512, 1, 1 << 14),
            Senders = agents.Int("senders", 1, 1, 1024),
            Receivers = agents.Int("receivers", 1, 1, 1024),
            Pairing = agents.String("pairing", "uniform", ["uniform", "sweep"]) == "sweep"
                ? AgentLab.Agents.Referential.PairingMode.Sweep : AgentLab.Agents.Referential.PairingMode.Uniform,
            Method = methodName,
            Steps = training.Long("steps", 50_000, 1, 100_000_000),
            Batch = training.Int("batch", 64, 1, 1 << 16),
            Seed = training.Long("seed", 322, 0, long.MaxValue),
            LearningRate = (float)training.Double("learning_rate", defaults.LearningRate, 1e-8, 10),
            EntropyCoefficient = (float)training.Double("entropy_coefficient", defaults.EntropyCoefficient, 0, 100),
            LogEvery = training.Int("log_every", 100, 1, int.MaxValue),
            CheckpointEvery = training.Int("checkpoint_every", 1000, 1, int.MaxValue),
            ValidationEvery = training.Int("validation_every", 1000, 1, int.MaxValue),
            ValidationGames = evaluation.Int("validation_games", 1024, 1, 1 << 24),
            TestGames = evaluation.Int("test_games", 9984, 1, 1 << 24),
            TestSeed = evaluation.Long("test_seed", 20200725, 0, long.MaxValue),
            EvaluationBatch = evaluation.Int("batch", 256, 1, 1 << 16),
        };
        foreach (var (key, value) in new[] { ("features", scenario.FeaturesPath), ("labels", scenario.LabelsPath), ("test_features", scenario.TestFeaturesPath), ("test_labels", scenario.TestLabelsPath) })
        {
            if (source == "npy" && value == null) throw data.Error(key, null, "is required when data.source is npy (a path to a .npy file)");
            if (source != "npy" && value != null) throw data.Error(key, null, "applies only to data.source npy");
        }
        if (source == "npy" && scenario.Root != null)
            throw data.Error("root", null, "applies only to data.source fashion-mnist (the directory of its IDX files)");
        if (scenario.RowNorm != 1f && scenario.Normalization is not ("l2" or "standardize-l2"))
            throw data.Error("row_norm", null, $"applies only to normalization l2 or standardize-l2, got \"{scenario.Normalization}\"");
        foreach (var node in new[] { data, agents, training, evaluation, root }) node.RejectUnknownKeys();
        return scenario;
    }

    private static string? Resolve(string scenarioFile, string? path) => ScenarioPaths.Resolve(scenarioFile, path);
}
