using AgentLab.Games.Data;
using AgentLab.Games.Scenarios;

namespace AgentLab.Games.BitVectorVae;

/// <summary>
/// Everything a bit-vector VAE run needs, validated (scenario key <c>game: bitvector-vae</c>). Defaults are
/// the paper's public code: Fashion-MNIST train images 0..54,999 for training and 55,000..59,999 for
/// validation, the test split for the test; H = 128 hidden units, decoder rank R = 5, batch 64, top-k with
/// k = 10, the SparseMAP budget D/2, 300 active-set passes.
/// </summary>
public sealed record BitVectorVaeScenario
{
    public const string Kind = "bitvector-vae";

    public required string Name { get; init; }
    public required string File { get; init; }

    // data
    public string? Root { get; init; }
    public required int TrainImages { get; init; }
    public required int ValidationImages { get; init; }
    public required int TestImages { get; init; }
    public int Pixels => FashionMnist.PixelCount;

    // model
    public required int Bits { get; init; }
    public required int Hidden { get; init; }
    public required int OutRank { get; init; }
    public required bool EncoderLogSoftmax { get; init; }

    // training
    public required string Method { get; init; }
    public required long Steps { get; init; }
    public required int Batch { get; init; }
    public required long Seed { get; init; }
    public required float LearningRate { get; init; }
    public required int TopK { get; init; }
    public required int Budget { get; init; }
    public required int SparseMapIterations { get; init; }
    public required int LogEvery { get; init; }
    public required int CheckpointEvery { get; init; }
    public required int ValidationEvery { get; init; }

    // evaluation
    public required int EvaluationBatch { get; init; }

    /// <summary>Reads and validates the scenario; <paramref name="method"/> (the command line's) overrides training.method.</summary>
    public static BitVectorVaeScenario Parse(ScenarioNode root, string? method = null)
    {
        root.String("game", Kind, [Kind]);
        var data = root.Section("data");
        var model = root.Section("model");
        var training = root.Section("training");
        var evaluation = root.Section("evaluation");

        data.String("source", "fashion-mnist", ["fashion-mnist"]);
        string? fileMethod = training.OptionalString("method");
        string methodName = method ?? fileMethod ?? "topk-sparsemax";
        if (!BitVectorVaeMethods.Names.Contains(methodName))
            throw training.Error("method", null, $"must be one of {string.Join(", ", BitVectorVaeMethods.Names)}, got \"{methodName}\"");
        int bits = model.Int("latent_bits", 32, 1, 512);
        var scenario = new BitVectorVaeScenario
        {
            Name = Path.GetFileNameWithoutExtension(root.File),
            File = root.File,
            Root = ScenarioPaths.Resolve(root.File, data.OptionalString("root")),
            TrainImages = data.Int("train_images", 55_000, 1, 55_000),
            ValidationImages = data.Int("validation_images", 5_000, 0, 5_000),
            TestImages = data.Int("test_images", 10_000, 1, 10_000),
            Bits = bits,
            Hidden = model.Int("hidden", 128, 1, 1 << 14),
            OutRank = model.Int("out_rank", 5, 1, 256),
            EncoderLogSoftmax = model.Bool("encoder_log_softmax", true),
            Method = methodName,
            Steps = training.Long("steps", 85_900, 1, 100_000_000),
            Batch = training.Int("batch", 64, 1, 1 << 14),
            Seed = training.Long("seed", 42, 0, long.MaxValue),
            LearningRate = (float)training.Double("learning_rate", BitVectorVaeMethods.DefaultLearningRate(methodName), 1e-8, 10),
            TopK = training.Int("topk", 10, 1, 1 << 16),
            Budget = training.Int("budget", Math.Max(1, bits / 2), 1, bits),
            SparseMapIterations = training.Int("sparsemap_iterations", 300, 1, 1_000_000),
            LogEvery = training.Int("log_every", 100, 1, int.MaxValue),
            CheckpointEvery = training.Int("checkpoint_every", 1000, 1, int.MaxValue),
            ValidationEvery = training.Int("validation_every", 1000, 1, int.MaxValue),
            EvaluationBatch = evaluation.Int("batch", 256, 1, 1 << 14),
        };
        if (scenario.Batch > scenario.TrainImages)
            throw training.Error("batch", null, $"is {scenario.Batch}, larger than the {scenario.TrainImages} training images");
        foreach (var node in new[] { data, model, training, evaluation, root }) node.RejectUnknownKeys();
        return scenario;
    }
}
