using System.Globalization;
using AgentLab.Games.BitVectorVae;
using AgentLab.Games.Scenarios;
using AgentLab.Numerics;

namespace AgentLab.Games.Tests.BitVectorVae;

/// <summary>
/// A small bit-vector VAE problem: 784-pixel black-and-white images, each one of 4 prototypes with a few
/// pixels flipped (two bits of latent explain almost everything), a scenario YAML with small networks, and the
/// data object the runner takes.
/// </summary>
internal sealed class SyntheticVae : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SyntheticVae(string method, int steps, int bits = 6, string extra = "")
    {
        Path = _dir.File("vae.yaml");
        File.WriteAllText(Path, string.Create(CultureInfo.InvariantCulture, $"""
            game: bitvector-vae
            data:
              train_images: 256
              validation_images: 32
              test_images: 64
            model:
              latent_bits: {bits}
              hidden: 16
              out_rank: 2
            training:
              method: {method}
              steps: {steps}
              batch: 16
              seed: 3
              learning_rate: 0.01
              log_every: 10
              validation_every: 20
              checkpoint_every: 10
            evaluation:
              batch: 32
            {extra}
            """));
        Scenario = BitVectorVaeScenario.Parse(ScenarioFile.Load(Path));
        var rng = new Rng(12);
        var prototypes = new float[4 * 784];
        rng.FillUniform(prototypes);
        for (int i = 0; i < prototypes.Length; i++) prototypes[i] = prototypes[i] < 0.5f ? 0f : 1f;
        Data = new BitVectorVaeData(Images(256, prototypes, rng), Images(32, prototypes, rng), Images(64, prototypes, rng));
    }

    public string Path { get; }

    public string Dir => _dir.Path;

    public BitVectorVaeScenario Scenario { get; }

    public BitVectorVaeData Data { get; }

    private static VaeImages Images(int count, float[] prototypes, Rng rng)
    {
        var pixels = new float[count * 784];
        for (int n = 0; n < count; n++)
            for (int p = 0; p < 784; p++)
            {
                float v = prototypes[(n % 4) * 784 + p];
                pixels[n * 784 + p] = rng.NextUniform() < 0.02f ? 1f - v : v;
            }
        return new VaeImages(pixels, count, 784);
    }

    public void Dispose() => _dir.Dispose();
}
