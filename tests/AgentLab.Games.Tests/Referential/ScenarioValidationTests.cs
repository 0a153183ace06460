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
        Assert.Contains("\"data.normalization\" must be one of standardize, standardize-l2, l2, none", Reject("data:\n  normalization: zscore\n").Message);
        Assert.Contains("\"training.method\" must be one of", Reject("training:\n  method: telepathy\n").Message);
        Assert.Contains("\"data.row_norm\" applies only to normalization l2 or standardize-l2, got \"standardize\"",
            Reject("data:\n  normalization: standardize\n  row_norm: 4\n").Message);
        Assert.Contains("\"data.row_norm\" must be between", Reject("data:\n  normalization: l2\n  row_norm: 0\n").Message);
        Assert.Contains("\"training\" must be a mapping", Reject("training: 5\n").Message);
        Assert.Contains("\"data.features\" is required when data.source is npy", Reject("data:\n  source: npy\n").Message);
        // A key of the other source would be silently ignored; it is named instead.
        Assert.Contains("\"data.test_labels\" applies only to data.source npy", Reject("data:\n  test_labels: y.npy\n").Message);
        Assert.Contains("\"data.root\" applies only to data.source fashion-mnist",
            Reject("data:\n  source: npy\n  root: /data\n  features: a.npy\n  labels: b.npy\n  test_features: c.npy\n  test_labels: d.npy\n").Message);
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
        Assert.Equal("standardize-l2", sparse.Normalization);
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

    [Fact]
    public void StandardizeL2LoadsUnitRowsCentredWithTheTrainStatistics()
    {
        using var synthetic = new SyntheticScenario();
        var raw = ReferentialData.Load(ReferentialScenario.Parse(ScenarioFile.Load(synthetic.Path, ["data.normalization=none"])));
        var sc = ReferentialScenario.Parse(ScenarioFile.Load(synthetic.Path, ["data.normalization=standardize-l2"]));
        Assert.Equal("standardize-l2", sc.Normalization);

        var data = ReferentialData.Load(sc);

        var statistics = AgentLab.Games.Data.FeatureNormalization.ComputeColumnStatistics(raw.Train.Values, raw.Train.Columns);
        foreach (var (loaded, original) in new[] { (data.Train, raw.Train), (data.Test, raw.Test) })
        {
            var expected = (float[])original.Values.Clone();
            AgentLab.Games.Data.FeatureNormalization.Standardize(expected, original.Columns, statistics);
            AgentLab.Games.Data.FeatureNormalization.NormalizeRowsL2(expected, original.Columns);
            Assert.Equal(expected, loaded.Values);
            for (int r = 0; r < loaded.Rows; r++)
            {
                var row = loaded.Values.AsSpan(r * loaded.Columns, loaded.Columns).ToArray();
                Assert.Equal(1.0, Math.Sqrt(row.Sum(v => (double)v * v)), tolerance: 1e-5);
            }
        }
    }

    [Fact]
    public void RowNormScalesTheUnitRows()
    {
        using var synthetic = new SyntheticScenario();
        var unit = ReferentialData.Load(ReferentialScenario.Parse(ScenarioFile.Load(synthetic.Path, ["data.normalization=standardize-l2"])));
        var sc = ReferentialScenario.Parse(ScenarioFile.Load(synthetic.Path, ["data.normalization=standardize-l2", "data.row_norm=4"]));
        Assert.Equal(4f, sc.RowNorm);

        var scaled = ReferentialData.Load(sc);

        Assert.Equal(unit.Train.Values.Select(v => 4f * v), scaled.Train.Values);
        Assert.Equal(unit.Test.Values.Select(v => 4f * v), scaled.Test.Values);
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "AgentLab.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
