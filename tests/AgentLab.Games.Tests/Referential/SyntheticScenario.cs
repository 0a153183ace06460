using System.Globalization;
using AgentLab.Games.Data;
using AgentLab.Numerics;

namespace AgentLab.Games.Tests.Referential;

/// <summary>
/// A small, learnable referential game on synthetic features (8 class prototypes plus noise), written as
/// .npy files with a scenario YAML beside them: fast enough for end-to-end tests of runs, resume and compare.
/// </summary>
internal sealed class SyntheticScenario : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SyntheticScenario(string method = "sparsemax-marg", int steps = 60, string extra = "")
    {
        var rng = new Rng(7);
        const int classes = 8, features = 24;
        var prototypes = new float[classes * features];
        rng.FillNormal(prototypes);
        Write("train", 480, classes, features, prototypes, rng);
        Write("test", 160, classes, features, prototypes, rng);
        Path = System.IO.Path.Combine(_dir.Path, "synthetic.yaml");
        File.WriteAllText(Path, string.Create(CultureInfo.InvariantCulture, $"""
            game: referential
            data:
              source: npy
              features: {Dir}/train.npy
              labels: {Dir}/train-labels.npy
              test_features: {Dir}/test.npy
              test_labels: {Dir}/test-labels.npy
              candidates: 4
            agents:
              vocab: 16
              embedding: 16
              hidden: 8
            training:
              method: {method}
              steps: {steps}
              batch: 16
              seed: 5
              log_every: 10
              validation_every: 20
              checkpoint_every: 20
            evaluation:
              validation_games: 64
              test_games: 128
              batch: 32
            {extra}
            """));
    }

    public string Path { get; }
    public string Dir => _dir.Path;

    private void Write(string split, int rows, int classes, int features, float[] prototypes, Rng rng)
    {
        var values = new float[rows * features];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            labels[r] = r % classes;
            for (int f = 0; f < features; f++) values[r * features + f] = prototypes[labels[r] * features + f] + 0.3f * rng.NextNormal();
        }
        NpyFile.WriteMatrix(System.IO.Path.Combine(Dir, split + ".npy"), new FeatureMatrix(rows, features, values));
        NpyFile.WriteLabels(System.IO.Path.Combine(Dir, split + "-labels.npy"), labels);
    }

    public void Dispose() => _dir.Dispose();
}
