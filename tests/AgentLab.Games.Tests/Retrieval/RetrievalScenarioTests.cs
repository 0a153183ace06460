using AgentLab.Games.Scenarios;
using AgentLab.Games.Tests.Referential;
using AgentLab.Memory;

namespace AgentLab.Games.Tests.Retrieval;

public class RetrievalScenarioTests
{
    private static ScenarioException Reject(string yaml, params string[] overrides)
    {
        using var dir = new TempDirectory();
        string path = dir.File("bad.yaml");
        File.WriteAllText(path, "game: hopfield-retrieval\n" + yaml);
        var ex = Assert.Throws<ScenarioException>(() => HopfieldRetrievalScenario.Parse(ScenarioFile.Load(path, overrides)));
        Assert.Contains(path, ex.Message);
        return ex;
    }

    [Fact]
    public void UnknownKeysAreNamedWithTheirLineAlsoInsideListItems()
    {
        var ex = Reject("memory:\n  sizes: [8]\n  seedz: [0]\n");
        Assert.Contains(":4:", ex.Message);
        Assert.Contains("unknown key \"memory.seedz\"", ex.Message);
        Assert.Contains("unknown key \"recall.settings[1].temperature\"",
            Reject("recall:\n  settings:\n    - {post: l2, beta: 20}\n    - {post: l2, temperature: 2}\n").Message);
        Assert.Contains("unknown key \"recall.maps[0].gamma\"", Reject("recall:\n  maps: [{name: normmax, gamma: 2}]\n").Message);
    }

    [Fact]
    public void WrongTypesAndRangesSayWhatWasExpected()
    {
        Assert.Contains("\"memory.sizes\" must be a list of integers, got \"many\" at position 2", Reject("memory:\n  sizes: [8, many]\n").Message);
        Assert.Contains("\"memory.sizes\" must list integers between 1 and", Reject("memory:\n  sizes: [0]\n").Message);
        Assert.Contains("\"memory.seeds\" must list at least one value", Reject("memory:\n  seeds: []\n").Message);
        Assert.Contains("\"memory.sizes\" lists 8 twice", Reject("memory:\n  sizes: [8, 8]\n").Message);
        Assert.Contains("\"queries.corruptions\" must list values among noise, mask, got \"blur\"", Reject("queries:\n  corruptions: [noise, blur]\n").Message);
        Assert.Contains("\"queries.noise_std\" must be a number, got \"loud\"", Reject("queries:\n  noise_std: loud\n").Message);
        Assert.Contains("\"memory.order\" must be one of torch, rng", Reject("memory:\n  order: numpy\n").Message);
        Assert.Contains("\"queries.clamp\" must be true or false", Reject("queries:\n  clamp: maybe\n").Message);
        Assert.Contains("\"recall.settings[0].beta\" must be between", Reject("recall:\n  settings: [{post: l2, beta: 0}]\n").Message);
        Assert.Contains("\"recall.settings[0].post\" must be one of identity, l2, layernorm, got \"tanh\"", Reject("recall:\n  settings: [{post: tanh, beta: 1}]\n").Message);
        Assert.Contains("\"recall.steps\" must list integers between 1 and", Reject("recall:\n  steps: [0]\n").Message);
        Assert.Contains("\"recall.batch\" must be an integer, got \"big\"", Reject("recall:\n  batch: big\n").Message);
        Assert.Contains("\"recall.maps\" must be a non-empty list", Reject("recall:\n  maps: softmax\n").Message);
        Assert.Contains("\"scoring.exact_cosine\" must be between -1 and 1, got 2", Reject("scoring:\n  exact_cosine: 2\n").Message);
        Assert.Contains("\"data.features\" is required when data.source is npy", Reject("data:\n  source: npy\n").Message);
        Assert.Contains("\"queries.clamp\" clamps noisy queries to [-1, 1], the range of data.pixels minus-one-to-one; with data.pixels unchanged set it to false",
            Reject("data:\n  pixels: unchanged\nqueries:\n  clamp: true\n").Message);
        Assert.Contains("\"game\" must be one of hopfield-retrieval", Assert.Throws<ScenarioException>(() =>
        {
            using var dir = new TempDirectory();
            File.WriteAllText(dir.File("r.yaml"), "game: referential\n");
            HopfieldRetrievalScenario.Parse(ScenarioFile.Load(dir.File("r.yaml")));
        }).Message);
    }

    [Fact]
    public void MapsAreCheckedByTheMapsOwnRules()
    {
        Assert.Contains("\"recall.maps[1].name\" must be one of softmax, sparsemax", Reject("recall:\n  maps: [softmax, hardmax]\n").Message);
        Assert.Contains("\"recall.maps[0].alpha\" is invalid: normmax needs alpha", Reject("recall:\n  maps: [normmax]\n").Message);
        Assert.Contains("\"recall.maps[0].alpha\" is invalid: alpha does not apply to softmax", Reject("recall:\n  maps: [{name: softmax, alpha: 2}]\n").Message);
        Assert.Contains("\"recall.maps[0].alpha\" is invalid: alpha must be a finite number greater than 1", Reject("recall:\n  maps: [{name: entmax, alpha: 0.5}]\n").Message);
        Assert.Contains("\"recall.maps[0].k\" is invalid: ksubsets needs k", Reject("recall:\n  maps: [ksubsets]\n").Message);
        Assert.Contains("\"recall.maps[0].name\" is required", Reject("recall:\n  maps: [{alpha: 2}]\n").Message);
        Assert.Contains("\"recall.maps\" lists 2-normmax twice", Reject("recall:\n  maps: [{name: normmax, alpha: 2}, {name: normmax, alpha: 2.0}]\n").Message);
    }

    [Fact]
    public void OverridesSetListsAndAreValidatedLikeTheFile()
    {
        using var dir = new TempDirectory();
        string path = dir.File("ok.yaml");
        File.WriteAllText(path, "game: hopfield-retrieval\n");
        var sc = HopfieldRetrievalScenario.Parse(ScenarioFile.Load(path, ["memory.seeds=3,4", "recall.steps=1"]));
        Assert.Equal(new[] { 3, 4 }, sc.Seeds);
        Assert.Equal(new[] { 1 }, sc.Steps);
        Assert.Contains("\"memory.seeds\" must be a list of integers, got \"x\"", Reject("", "memory.seeds=0,x").Message);
    }

    [Fact]
    public void TheShippedScenarioHoldsEveryReferenceSetting()
    {
        string path = Path.Combine(ScenarioValidationTests.RepoRoot(), "scenarios", "hopfield-retrieval-fmnist.yaml");
        var root = ScenarioFile.Load(path);
        Assert.Equal(HopfieldRetrievalScenario.Game, ScenarioGames.Of(root));
        var sc = HopfieldRetrievalScenario.Parse(root);
        Assert.Equal(new[] { 64, 256, 1024 }, sc.Sizes);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, sc.Seeds);
        Assert.Equal("torch", sc.Order);
        Assert.Equal(new[] { 1, 5 }, sc.Steps);
        Assert.Equal(new[] { "noise", "mask" }, sc.CorruptionKinds);
        Assert.Equal(new[] { "softmax", "1.5-entmax", "sparsemax", "2-normmax" }, sc.Maps.Select(RetrievalMapLabel.Of));
        Assert.Equal(new RetrievalSetting[] { new(PostTransform.Identity, 0.1), new(PostTransform.Identity, 1), new(PostTransform.L2, 20), new(PostTransform.L2, 100) }, sc.Settings);
        Assert.Equal((0.3, true, 256, 0.99, 0.9, "minus-one-to-one", 28), (sc.NoiseStd, sc.Clamp, sc.Batch, sc.ExactCosine, sc.SuccessCosine, sc.Pixels, sc.ImageHeight));
        foreach (string referential in new[] { "referential-fmnist.yaml", "referential-features.yaml" })
            Assert.Equal(ScenarioGames.Referential, ScenarioGames.Of(ScenarioFile.Load(Path.Combine(ScenarioValidationTests.RepoRoot(), "scenarios", referential))));
    }

    [Fact]
    public void NpyPatternsKeepTheirValuesAndAreNotClampedByDefault()
    {
        using var dir = new TempDirectory();
        string path = dir.File("npy.yaml");
        File.WriteAllText(path, "game: hopfield-retrieval\ndata:\n  source: npy\n  features: patterns.npy\n");
        var sc = HopfieldRetrievalScenario.Parse(ScenarioFile.Load(path));
        Assert.Equal(("unchanged", false), (sc.Pixels, sc.Clamp));
        var minusOneToOne = HopfieldRetrievalScenario.Parse(ScenarioFile.Load(path, ["data.pixels=minus-one-to-one"]));
        Assert.True(minusOneToOne.Clamp);
    }
}
