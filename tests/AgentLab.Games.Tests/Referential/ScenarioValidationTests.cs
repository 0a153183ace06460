using AgentLab.Games.Referential;
using AgentLab.Games.Scenarios;

namespace AgentLab.Games.Tests.Referential;

public class ScenarioValidationTests
{
    private static ScenarioException Reject(string yaml, params string[] overrides) =>
        ScenarioRejection.Reject(yaml, root => ReferentialScenario.Parse(root), overrides);

    [Fact]
    public void UnknownKeysAreNamedWithTheirLine()
    {
        var ex = Reject("game: referential\ntraining:\n  stpes: 10\n");
        Assert.Contains(":3:", ex.Message);
        Assert.Contains("unknown key \"training.stpes\"", ex.Message);
    }

    [Fact]
    public void WrongTypesAndRangesSayWhatWasExpected()
    {
        Assert.Contains("\"training.steps\" must be an integer, got \"many\"", Reject("training:\n  steps: many\n").Message);
        Assert.Contains("\"training.batch\" must be between 1 and", Reject("training:\n  batch: 0\n").Message);
        Assert.Contains("\"data.normalization\" must be one of standardize, l2, none", Reject("data:\n  normalization: zscore\n").Message);
        Assert.Contains("\"training.method\" must be one of", Reject("training:\n  method: telepathy\n").Message);
        Assert.Contains("\"training\" must be a mapping", Reject("training: 5\n").Message);
        Assert.Contains("\"data.features\" is required when data.source is npy", Reject("data:\n  source: npy\n").Message);
    }

    [Fact]
    public void OverridesAreValidatedLikeTheFile()
    {
        Assert.Contains("\"training.steps\" must be an integer", Reject("game: referential\n", "training.steps=ten").Message);
        Assert.Contains("must look like key.path=value", Reject("game: referential\n", "training.steps").Message);
    }

    [Fact]
    public void DefaultsAreThePapersPerMethod()
    {
        using var dir = new TempDirectory();
        string path = dir.File("ok.yaml");
        File.WriteAllText(path, "game: referential\n");
        var sparse = ReferentialScenario.Parse(ScenarioFile.Load(path));
        Assert.Equal(("sparsemax-marg", 5e-3f, 0.1f, 16, 256, 64, 50_000L), (sparse.Method, sparse.LearningRate, sparse.EntropyCoefficient, sparse.Candidates, sparse.Vocab, sparse.Batch, sparse.Steps));
        var sfe = ReferentialScenario.Parse(ScenarioFile.Load(path, ["training.learning_rate=0.01"]), "sfe");
        Assert.Equal((1e-2f, 0.01f), (sfe.LearningRate, sfe.EntropyCoefficient));
        Assert.Equal("standardize", sparse.Normalization);
    }

    [Fact]
    public void TheFeaturesScenarioNamesItsMissingFilesClearly()
    {
        string path = Path.Combine(RepoRoot(), "scenarios", "referential-features.yaml");
        var sc = ReferentialScenario.Parse(ScenarioFile.Load(path));
        Assert.Equal(("npy", "l2"), (sc.Source, sc.Normalization));
        Assert.True(Path.IsPathRooted(sc.FeaturesPath), "relative data paths are resolved against the scenario file");
        var ex = Assert.Throws<AgentLab.Games.Data.DatasetException>(() => ReferentialData.Load(sc));
        Assert.Contains(sc.FeaturesPath!, ex.Message);
    }

    [Fact]
    public void TheShippedScenarioIsValid()
    {
        string path = Path.Combine(RepoRoot(), "scenarios", "referential-fmnist.yaml");
        foreach (var method in ReferentialMethods.Names)
            Assert.Equal(method, ReferentialScenario.Parse(ScenarioFile.Load(path), method).Method);
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "AgentLab.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
