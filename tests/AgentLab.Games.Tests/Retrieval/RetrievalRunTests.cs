using AgentLab.Games.Retrieval;
using AgentLab.Games.Scenarios;
using AgentLab.Telemetry.Retrieval;

namespace AgentLab.Games.Tests.Retrieval;

/// <summary>Whole retrieval sweeps on well-separated synthetic patterns, through the memory actor.</summary>
public class RetrievalRunTests
{
    private static (RetrievalSummary Summary, List<RetrievalCell> Cells, string Directory) Run(SyntheticRetrieval synthetic, bool resume = false)
    {
        var sc = HopfieldRetrievalScenario.Parse(ScenarioFile.Load(synthetic.Path));
        string dir = Path.Combine(synthetic.Dir, "run");
        var summary = new RetrievalRunner(sc, RetrievalData.Load(sc)).Run(dir, resume);
        return (summary, RetrievalReport.ReadCells(dir), dir);
    }

    [Fact]
    public void SparseMapsRetrieveWellSeparatedPatternsExactlyWithOneMemoryAndSoftmaxSpreadsOverAll()
    {
        using var synthetic = new SyntheticRetrieval();
        var (summary, cells, _) = Run(synthetic);

        // 2 sizes x 2 seeds x 2 corruptions x 4 maps x 2 settings x 2 step counts.
        Assert.Equal(128, cells.Count);
        Assert.Equal(64, summary.Rows);
        Assert.Equal(2 * 2 * (8 + 32) * 4 * 2 * 2, summary.Queries);
        foreach (var cell in cells)
        {
            Assert.Equal(cell.Memories, cell.Queries);
            Assert.True(cell.RecallSeconds > 0, "the recall batches were timed");
            if (cell.Map == "softmax")
            {
                // Every memory keeps a positive weight; almost all of the mass is on the right one.
                Assert.Equal(cell.Memories, cell.Support);
                Assert.Equal(1.0, cell.SupportAbove001);
                Assert.Equal(1.0, cell.Success);
            }
            else
            {
                // Past the margin p is one-hot on the right memory, so q is that memory (post-transformed) exactly.
                Assert.Equal((1.0, 1.0, 1.0), (cell.Exact, cell.Success, cell.Support));
            }
            Assert.Equal(cell.Steps, cell.StepsTaken);
        }
    }

    [Fact]
    public void StoppingWhenStableGivesTheSameAnswersInFewerSteps()
    {
        using var synthetic = new SyntheticRetrieval(SyntheticRetrieval.DefaultRecall.Replace("steps: [1, 3]", "steps: [4]\n  stop_when_stable: true"));
        var (_, cells, _) = Run(synthetic);
        foreach (var cell in cells.Where(cell => cell.Map != "softmax"))
        {
            // One step reaches the memory, the second repeats p: the recall stops there.
            Assert.Equal(2.0, cell.StepsTaken);
            Assert.Equal(1.0, cell.Exact);
        }
        Assert.All(cells.Where(cell => cell.Map == "softmax"), cell => Assert.InRange(cell.StepsTaken, 2.0, 4.0));
    }

    [Fact]
    public void TheRunWritesItsTableReportAndSummaryAndAResumeMeasuresOnlyWhatIsMissing()
    {
        using var synthetic = new SyntheticRetrieval();
        var (_, cells, dir) = Run(synthetic);
        foreach (string file in RetrievalReport.ReportFiles.Append(RetrievalReport.SummaryFileName))
            Assert.True(File.Exists(Path.Combine(dir, file)), file);
        string markdown = File.ReadAllText(Path.Combine(dir, RetrievalReport.MarkdownFileName));
        Assert.Contains("| 32 | mask | sparsemax | identity | 0.5 | 1 | 2 | 1 ± 0 | 1 ± 0 | 1 ± 0 |", markdown);
        string html = File.ReadAllText(Path.Combine(dir, RetrievalReport.HtmlFileName));
        Assert.Contains("Exact retrieval: mask queries, l2 post, beta 20", html);
        Assert.Contains("<svg", html);
        Assert.StartsWith("memories,corruption,map,post,beta,steps,figure,mean,stderr,n\n", File.ReadAllText(Path.Combine(dir, RetrievalReport.CsvFileName)));

        // A run stopped half-way keeps the cells it wrote; the resumed run measures the rest, with the same rates.
        // A cell of a setting the scenario no longer lists is dropped, not reported.
        var kept = cells.Where(cell => cell.Seed == 0).ToList();
        RetrievalReport.WriteCells(dir, [.. kept, kept[0] with { Beta = 7 }]);
        var (summary, resumed, _) = Run(synthetic, resume: true);
        Assert.Equal(kept.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), summary.Notes!["resumed_with_cells"]);
        Assert.Equal(cells.Count, resumed.Count);
        Assert.Equal(kept.Select(cell => cell.RecallSeconds), resumed.Take(kept.Count).Select(cell => cell.RecallSeconds));
        Assert.Equal(
            cells.OrderBy(cell => cell.Key).Select(cell => (cell.Key, cell.Exact, cell.Success, cell.Support)),
            resumed.OrderBy(cell => cell.Key).Select(cell => (cell.Key, cell.Exact, cell.Success, cell.Support)));
    }

    [Fact]
    public void MoreMemoriesThanPatternsOrAnImageHeightThatDoesNotFitAreNamed()
    {
        using var synthetic = new SyntheticRetrieval();
        var tooMany = HopfieldRetrievalScenario.Parse(ScenarioFile.Load(synthetic.Path, ["memory.sizes=8,33"]));
        var e = Assert.Throws<ScenarioException>(() => RetrievalData.Load(tooMany));
        Assert.Contains($"{synthetic.Path}: \"memory.sizes\" asks for 33 memories", e.Message);
        Assert.Contains("holds only 32 patterns", e.Message);
        var badHeight = HopfieldRetrievalScenario.Parse(ScenarioFile.Load(synthetic.Path, ["data.image_height=7"]));
        Assert.Contains("\"data.image_height\" 7 does not divide the 64 features", Assert.Throws<ScenarioException>(() => RetrievalData.Load(badHeight)).Message);
    }

    [Fact]
    public void TheCommandRunsARetrievalScenarioAndRefusesReferentialOptions()
    {
        using var synthetic = new SyntheticRetrieval();
        string dir = Path.Combine(synthetic.Dir, "cli");
        Assert.Equal(0, AgentLab.Cli.Program.Main(["run", synthetic.Path, "--seed", "1", "--set", "recall.steps=1", "--out", dir]));
        var cells = RetrievalReport.ReadCells(dir);
        Assert.Equal(2 * 2 * 4 * 2, cells.Count);
        Assert.All(cells, cell => Assert.Equal((1, 1), (cell.Seed, cell.Steps)));
        Assert.Equal(2, AgentLab.Cli.Program.Main(["run", synthetic.Path, "--method", "sfe", "--out", dir]));
    }
}
