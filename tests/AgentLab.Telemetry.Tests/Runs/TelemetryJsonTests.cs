using System.Text.Json;
using System.Text.Json.Nodes;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Telemetry.Tests.Runs;

public sealed class TelemetryJsonTests
{
    [Fact]
    public void MetricsPoint_UsesSnakeCaseNames_AndLeavesOutAbsentOptionalFields()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(Samples.Point(10), TelemetryJson.Options))!.AsObject();

        Assert.Equal(
            ["step", "games", "objective", "task_loss", "success", "entropy", "receiver_calls", "nonzeros", "games_per_second", "elapsed_seconds"],
            json.Select(property => property.Key));
    }

    [Fact]
    public void MetricsPoint_RoundTripsEveryBitOfItsDoubles_AndKeepsExtraKeysAsGiven()
    {
        var point = Samples.Point(7) with
        {
            Objective = 0.1 + 0.2,
            TaskLoss = double.Epsilon,
            Entropy = -0.0,
            GamesPerSecond = 1e300,
            ValidationSuccess = 1.0 / 3.0,
            Extra = new() { ["Temperature"] = Math.PI, ["baseline_value"] = double.NaN },
        };

        string text = JsonSerializer.Serialize(point, TelemetryJson.Options);
        var back = JsonSerializer.Deserialize<MetricsPoint>(text, TelemetryJson.Options)!;

        Assert.Contains("\"validation_success\":", text);
        Assert.Contains("\"Temperature\":", text);
        Assert.Equal(BitConverter.DoubleToInt64Bits(point.Objective), BitConverter.DoubleToInt64Bits(back.Objective));
        Assert.Equal(BitConverter.DoubleToInt64Bits(point.TaskLoss), BitConverter.DoubleToInt64Bits(back.TaskLoss));
        Assert.Equal(BitConverter.DoubleToInt64Bits(point.Entropy), BitConverter.DoubleToInt64Bits(back.Entropy));
        Assert.Equal(point.GamesPerSecond, back.GamesPerSecond);
        Assert.Equal(point.ValidationSuccess, back.ValidationSuccess);
        Assert.Equal(Math.PI, back.Extra!["Temperature"]);
        Assert.True(double.IsNaN(back.Extra["baseline_value"]));
        Assert.Equal(point with { Extra = null }, back with { Extra = null });
    }

    [Fact]
    public void NonFiniteFigures_AreWrittenAsNamedLiterals_SoADivergingRunStillLogs()
    {
        var point = Samples.Point(1) with { Objective = double.PositiveInfinity, TaskLoss = double.NaN };

        string text = JsonSerializer.Serialize(point, TelemetryJson.Options);
        var back = JsonSerializer.Deserialize<MetricsPoint>(text, TelemetryJson.Options)!;

        Assert.Contains("\"objective\":\"Infinity\"", text);
        Assert.Equal(double.PositiveInfinity, back.Objective);
        Assert.True(double.IsNaN(back.TaskLoss));
    }

    [Fact]
    public void RunSummary_UsesSnakeCaseNames_AndRoundTripsNotesAndExtra()
    {
        var summary = Samples.Summary() with
        {
            Extra = new() { ["final_temperature"] = 0.5 },
            Notes = new() { ["host"] = "node-7" },
        };

        string text = JsonSerializer.Serialize(summary, TelemetryJson.Options);
        var back = JsonSerializer.Deserialize<RunSummary>(text, TelemetryJson.Options)!;

        var names = JsonNode.Parse(text)!.AsObject().Select(property => property.Key);
        Assert.Equal(
            ["scenario", "method", "seed", "steps", "test_success", "test_success_greedy", "mean_receiver_calls",
             "mean_nonzeros", "train_games_per_second", "wall_seconds", "extra", "notes"],
            names);
        Assert.Equal(0.5, back.Extra!["final_temperature"]);
        Assert.Equal("node-7", back.Notes!["host"]);
        Assert.Equal(summary with { Extra = null, Notes = null }, back with { Extra = null, Notes = null });
    }

    [Fact]
    public void MissingRequiredField_IsRejected()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<MetricsPoint>("""{"games":1}""", TelemetryJson.Options));
    }
}
