using System.Globalization;
using AgentLab.Games.Data;
using AgentLab.Numerics;

namespace AgentLab.Games.Tests.Retrieval;

/// <summary>
/// A tiny retrieval sweep on well-separated patterns: 32 random ±1 vectors of dimension 64 (an 8 x 8 "image"), so
/// x_i.x_i = 64 while x_i.x_j is about N(0, 64); written as a .npy file with a scenario YAML beside it.
/// </summary>
internal sealed class SyntheticRetrieval : IDisposable
{
    public const int Patterns = 32, Dimension = 64, Height = 8;
    private readonly TempDirectory _dir = new();

    public SyntheticRetrieval(string recall = DefaultRecall)
    {
        var rng = new Rng(17);
        var values = new float[Patterns * Dimension];
        for (int i = 0; i < values.Length; i++) values[i] = rng.NextInt(2) == 0 ? -1f : 1f;
        NpyFile.WriteMatrix(System.IO.Path.Combine(Dir, "patterns.npy"), new FeatureMatrix(Patterns, Dimension, values));
        Path = System.IO.Path.Combine(Dir, "synthetic-retrieval.yaml");
        File.WriteAllText(Path, string.Create(CultureInfo.InvariantCulture, $"""
            game: hopfield-retrieval
            data:
              source: npy
              features: patterns.npy
              image_height: {Height}
            memory:
              sizes: [8, 32]
              seeds: [0, 1]
              order: rng
            queries:
              corruptions: [noise, mask]
              noise_std: 0.3
            {recall}
            """));
    }

    /// <summary>
    /// Beta 0.5 on raw ±1 patterns: the score gap of a noisy or half-masked query is about 10 or more, far past every
    /// sparse map's margin (at most 2), while softmax still gives every memory a weight above float32's smallest normal.
    /// </summary>
    public const string DefaultRecall = """
        recall:
          maps: [softmax, sparsemax, entmax15, {name: normmax, alpha: 2}]
          settings: [{post: identity, beta: 0.5}, {post: l2, beta: 20}]
          steps: [1, 3]
          batch: 5
        """;

    public string Path { get; }
    public string Dir => _dir.Path;

    public void Dispose() => _dir.Dispose();
}
