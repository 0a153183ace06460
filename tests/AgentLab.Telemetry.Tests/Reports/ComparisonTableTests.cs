using AgentLab.Telemetry.Reports;

namespace AgentLab.Telemetry.Tests.Reports;

public sealed class ComparisonTableTests
{
    [Fact]
    public void GroupsByMethod_InTheOrderGiven_AndAggregatesEachFigure()
    {
        var table = ComparisonTable.FromRuns(ReportSamples.Comparison());

        Assert.Equal("fmnist-10", table.Scenario);
        Assert.Equal(["dense-marg", "sparsemax-marg", "sfe"], table.Methods.Select(m => m.Method));
        Assert.Equal(
            ["test_success", "test_success_greedy", "mean_receiver_calls", "mean_nonzeros", "train_games_per_second", "wall_seconds", "baseline"],
            table.FigureNames);
        var dense = table.Methods[0];
        Assert.Equal([1L, 2L, 3L], dense.Seeds);
        Assert.Equal(0.85, dense.Figures["test_success"].Mean, 12);
        Assert.Equal(Math.Sqrt(0.0025 / 3), dense.Figures["test_success"].StandardError, 12); // sd 0.05 over √3
        Assert.Equal(1.6, table.Methods[1].Figures["mean_nonzeros"].Mean, 12);
        Assert.False(dense.Figures.ContainsKey("baseline"));
        Assert.Equal(0.25, table.Methods[2].Figures["baseline"].Mean);
    }

    [Fact]
    public void EmptyInput_IsAClearArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => ComparisonTable.FromRuns([]));
        Assert.Contains("no runs", error.Message);
    }

    [Fact]
    public void SeveralScenarios_AreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => ComparisonTable.FromRuns(
            [ReportSamples.Run("sfe", 1, 0.5), ReportSamples.Run("sfe", 2, 0.5, scenario: "other")]));
        Assert.Contains("fmnist-10, other", error.Message);
    }

    [Fact]
    public void ARepeatedSeed_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => ComparisonTable.FromRuns(
            [ReportSamples.Run("sfe", 1, 0.5), ReportSamples.Run("sfe", 1, 0.6)]));
        Assert.Contains("seed 1", error.Message);
    }

    [Fact]
    public void AnExtraOnlySomeSeedsHave_CountsOnlyThoseSeeds()
    {
        var table = ComparisonTable.FromRuns(
        [
            ReportSamples.Run("gumbel", 1, 0.5, extra: new() { ["temperature"] = 1.0 }),
            ReportSamples.Run("gumbel", 2, 0.6),
        ]);

        var temperature = table.Methods[0].Figures["temperature"];
        Assert.Equal(1, temperature.Count);
        Assert.Equal(1L, Assert.Single(temperature.Values).Seed);
        Assert.Equal("1 ± 0 (n=1)", ComparisonCells.Format(table.Methods[0], "temperature"));
    }
}
