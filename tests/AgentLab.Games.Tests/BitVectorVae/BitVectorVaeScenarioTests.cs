using AgentLab.Games.BitVectorVae;
using AgentLab.Games.Scenarios;
using AgentLab.Games.Tests.Referential;

namespace AgentLab.Games.Tests.BitVectorVae;

public class BitVectorVaeScenarioTests
{
    private static ScenarioException Reject(string yaml, params string[] overrides) =>
        ScenarioRejection.Reject(yaml, root => BitVectorVaeScenario.Parse(root), overrides);

    [Fact]
    public void Defaults_are_the_papers()
    {
        using var dir = new TempDirectory();
        string path = dir.File("vae.yaml");
        File.WriteAllText(path, "game: bitvector-vae\n");
        var root = ScenarioFile.Load(path);
        Assert.Equal(BitVectorVaeScenario.Kind, ScenarioGames.Of(root));
        var sc = BitVectorVaeScenario.Parse(root);
        Assert.Equal((32, 128, 5, 64, 10, 16, 0.002f), (sc.Bits, sc.Hidden, sc.OutRank, sc.Batch, sc.TopK, sc.Budget, sc.LearningRate));
        Assert.True(sc.EncoderLogSoftmax);
        Assert.Equal(0.001f, BitVectorVaeScenario.Parse(ScenarioFile.Load(path), "sfe").LearningRate);
        Assert.Equal(64, BitVectorVaeScenario.Parse(ScenarioFile.Load(path, ["model.latent_bits=128"])).Budget);
        // A relative data root is the scenario file's neighbour, as in the other games.
        Assert.Equal(Path.Combine(dir.Path, "fmnist"), BitVectorVaeScenario.Parse(ScenarioFile.Load(path, ["data.root=fmnist"])).Root);
    }

    [Fact]
    public void The_shipped_scenario_is_valid_for_every_method()
    {
        string file = Path.Combine(ScenarioValidationTests.RepoRoot(), "scenarios", "bitvector-vae-fmnist.yaml");
        foreach (string method in BitVectorVaeMethods.Names)
            Assert.Equal(method, BitVectorVaeScenario.Parse(ScenarioFile.Load(file), method).Method);
        Assert.Equal(ScenarioGames.Referential, ScenarioGames.Of(ScenarioFile.Load(Path.Combine(ScenarioValidationTests.RepoRoot(), "scenarios", "referential-fmnist.yaml"))));
    }

    [Fact]
    public void Bad_values_name_the_key_and_what_was_expected()
    {
        Assert.Contains("\"training.method\" must be one of topk-sparsemax", Reject("game: bitvector-vae\ntraining:\n  method: telepathy\n").Message);
        Assert.Contains("unknown key \"model.latent_size\"", Reject("game: bitvector-vae\nmodel:\n  latent_size: 32\n").Message);
        Assert.Contains("\"model.latent_bits\" must be between 1 and 512", Reject("game: bitvector-vae\nmodel:\n  latent_bits: 0\n").Message);
        Assert.Contains("\"training.budget\" must be between 1 and 32", Reject("game: bitvector-vae\ntraining:\n  budget: 40\n").Message);
        Assert.Contains("\"training.batch\" is 128, larger than the 100 training images",
            Reject("game: bitvector-vae\ndata:\n  train_images: 100\ntraining:\n  batch: 128\n").Message);
        Assert.Contains("\"data.train_images\" must be between 1 and 55000", Reject("game: bitvector-vae\ndata:\n  train_images: 60000\n").Message);
        Assert.Contains("\"data.source\" must be one of fashion-mnist", Reject("game: bitvector-vae\ndata:\n  source: npy\n").Message);
        Assert.Contains("\"game\" must be one of bitvector-vae", Reject("game: referential\n").Message);
        Assert.Contains("\"training.steps\" must be an integer", Reject("game: bitvector-vae\n", "training.steps=ten").Message);
    }
}
