using AgentLab.Cli;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Games.Tests.Referential;

/// <summary>`agentlab sweep`: every method at every grid point on every seed, one table row per method and point.</summary>
public class SweepTests
{
    [Fact]
    public void SweepTrainsEveryPointWithItsValueAndTabulatesOneRowPerPoint()
    {
        using var synthetic = new SyntheticScenario(steps: 40);
        string dir = Path.Combine(synthetic.Dir, "sweep");
        var result = CliProcess.Run(CliProcess.Dll,
            $"sweep {synthetic.Path} --methods sparsemax-marg --grid training.entropy_coefficient=0.1,0 --seeds 2 --out {dir}");
        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var point in new[] { "training.entropy_coefficient=0.1", "training.entropy_coefficient=0" })
        {
            foreach (int seed in new[] { 5, 6 })
                Assert.True(new RunStore(Path.Combine(dir, "sparsemax-marg", point, $"seed-{seed}")).HasSummary, $"{point} seed {seed}");
            Assert.Matches($@"\| sparsemax-marg {point.Replace(".", @"\.")} \| 2 \|", File.ReadAllText(Path.Combine(dir, "comparison.md")));
        }

        // The point's value reaches the run: it trains exactly what `run --set` with that value trains.
        string single = Path.Combine(synthetic.Dir, "single");
        Assert.Equal(0, CliProcess.Run(CliProcess.Dll, $"run {synthetic.Path} --set training.entropy_coefficient=0 --out {single}").ExitCode);
        var swept = new RunStore(Path.Combine(dir, "sparsemax-marg", "training.entropy_coefficient=0", "seed-5"));
        var alone = new RunStore(single);
        Assert.Equal(alone.ReadMetrics().Select(p => (p.Step, p.Objective)), swept.ReadMetrics().Select(p => (p.Step, p.Objective)));
        var other = new RunStore(Path.Combine(dir, "sparsemax-marg", "training.entropy_coefficient=0.1", "seed-5"));
        Assert.NotEqual(alone.ReadMetrics().Select(p => p.Objective), other.ReadMetrics().Select(p => p.Objective));

        // Run again: every run is reused, nothing trains.
        var again = CliProcess.Run(CliProcess.Dll,
            $"sweep {synthetic.Path} --methods sparsemax-marg --grid training.entropy_coefficient=0.1,0 --seeds 2 --out {dir}");
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.DoesNotContain("method sparsemax-marg, seed", again.Error);
    }

    [Fact]
    public void SweepWithJobsTrainsEachPointInItsOwnProcessWithItsValue()
    {
        using var synthetic = new SyntheticScenario(steps: 40);
        string serial = Path.Combine(synthetic.Dir, "serial"), parallel = Path.Combine(synthetic.Dir, "parallel");
        string arguments = $"sweep {synthetic.Path} --methods sfe --grid training.learning_rate=0.01,0.001 --seeds 1";
        Assert.Equal(0, CliProcess.Run(CliProcess.Dll, $"{arguments} --out {serial}").ExitCode);
        var result = CliProcess.Run(CliProcess.Dll, $"{arguments} --jobs 2 --out {parallel}");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("sfe training.learning_rate=0.001 seed 5", result.Error);
        foreach (var point in new[] { "training.learning_rate=0.01", "training.learning_rate=0.001" })
        {
            var a = new RunStore(Path.Combine(serial, "sfe", point, "seed-5"));
            var b = new RunStore(Path.Combine(parallel, "sfe", point, "seed-5"));
            Assert.Equal(a.ReadMetrics().Select(p => (p.Step, p.Objective)), b.ReadMetrics().Select(p => (p.Step, p.Objective)));
        }
    }

    [Fact]
    public void TheGridIsTheCartesianProductWithTheFirstKeySlowest()
    {
        var axes = SweepGrid.Parse(["training.learning_rate=0.1,0.01", "training.batch=16,32"], []);
        var rows = SweepGrid.Rows(["sfe", "gumbel"], axes);
        Assert.Equal(
            new[]
            {
                "sfe training.learning_rate=0.1 training.batch=16", "sfe training.learning_rate=0.1 training.batch=32",
                "sfe training.learning_rate=0.01 training.batch=16", "sfe training.learning_rate=0.01 training.batch=32",
                "gumbel training.learning_rate=0.1 training.batch=16", "gumbel training.learning_rate=0.1 training.batch=32",
                "gumbel training.learning_rate=0.01 training.batch=16", "gumbel training.learning_rate=0.01 training.batch=32",
            },
            rows.Select(r => r.Label));
        Assert.Equal(Path.Combine("gumbel", "training.learning_rate=0.01,training.batch=32"), rows[^1].Directory);
        Assert.Equal(new[] { "training.learning_rate=0.01", "training.batch=32" }, rows[^1].Overrides);
        Assert.Equal("gumbel", rows[^1].Method);
    }

    [Theory]
    [InlineData("training.learning_rate", "must look like key.path=v1,v2")]
    [InlineData("training.learning_rate=0.1,,0.2", "an empty value")]
    [InlineData("training.learning_rate=0.1,0.1", "a value is repeated")]
    [InlineData("training.method=sfe,nvil", "give the methods with --methods")]
    [InlineData("training.steps=10,20", "also fixed by --set or --steps")]
    public void ABadGridIsRejectedNamingTheKey(string grid, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => SweepGrid.Parse([grid], ["training.steps=40"]));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void AGridKeyGivenTwiceIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => SweepGrid.Parse(["training.batch=16", "training.batch=32"], []));
        Assert.Contains("--grid training.batch is given twice", error.Message);
    }

    [Fact]
    public void AnUnknownKeyOrABadValueFailsBeforeAnyRunStartsNamingFileAndKey()
    {
        using var synthetic = new SyntheticScenario(steps: 40);
        string dir = Path.Combine(synthetic.Dir, "sweep");
        var unknown = CliProcess.Run(CliProcess.Dll, $"sweep {synthetic.Path} --methods sfe --grid training.entropy_coefficent=0.1,0 --seeds 1 --out {dir}");
        Assert.Equal(2, unknown.ExitCode);
        string line = Assert.Single(unknown.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("agentlab sweep: ", line);
        Assert.Contains(synthetic.Path, line);
        Assert.Contains("entropy_coefficent", line);

        // The second point is invalid: not even the first point's run may start.
        var bad = CliProcess.Run(CliProcess.Dll, $"sweep {synthetic.Path} --methods sfe --grid training.learning_rate=0.01,-1 --seeds 1 --out {dir}");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("learning_rate", bad.Error);
        Assert.False(Directory.Exists(dir));

        var none = CliProcess.Run(CliProcess.Dll, $"sweep {synthetic.Path} --methods sfe --seeds 1 --out {dir}");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("--grid", none.Error);
    }
}
