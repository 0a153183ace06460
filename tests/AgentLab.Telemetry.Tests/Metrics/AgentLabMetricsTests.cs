using System.Diagnostics.Metrics;
using AgentLab.Telemetry.Metrics;
using AgentLab.Telemetry.Tests.Runs;

namespace AgentLab.Telemetry.Tests.Metrics;

public sealed class AgentLabMetricsTests : IDisposable
{
    private readonly AgentLabMetrics _metrics = new();
    private readonly MeterListener _listener = new();
    private readonly List<Measurement> _measurements = [];

    private sealed record Measurement(string Name, string? Unit, double Value, Dictionary<string, object?> Tags);

    public AgentLabMetricsTests()
    {
        // Only this instance's meter: tests in other classes may create their own "AgentLab" meters concurrently.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _metrics.Meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            lock (_measurements)
                _measurements.Add(new(instrument.Name, instrument.Unit, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        });
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _metrics.Dispose();
    }

    [Fact]
    public void Record_SendsEachFigure_ToItsInstrument_WithItsUnit()
    {
        var point = Samples.Point(100, success: 0.625) with
        {
            TaskLoss = 0.5, Entropy = 1.5, ReceiverCalls = 2.25, Nonzeros = 1.75, GamesPerSecond = 5000, ValidationSuccess = 0.6,
        };

        _metrics.Record(point, new RunTags("sparsemax-marg", "fmnist-10", Seed: 3, Rank: 1));

        var byName = _measurements.ToDictionary(m => m.Name);
        Assert.Equal(7, _measurements.Count);
        AssertMeasurement(byName["agentlab.game.success_rate"], "1", 0.625);
        AssertMeasurement(byName["agentlab.game.validation_success_rate"], "1", 0.6);
        AssertMeasurement(byName["agentlab.message.nonzeros"], "{coordinate}", 1.75);
        AssertMeasurement(byName["agentlab.receiver.calls"], "{call}", 2.25);
        AssertMeasurement(byName["agentlab.train.loss"], "1", 0.5);
        AssertMeasurement(byName["agentlab.sender.entropy"], "nat", 1.5);
        AssertMeasurement(byName["agentlab.train.games_per_second"], "{game}/s", 5000);
    }

    [Fact]
    public void Record_TagsEveryMeasurement_WithMethodScenarioSeedAndRank()
    {
        _metrics.Record(Samples.Point(1), new RunTags("gumbel-st", "fmnist-10", Seed: 42, Rank: 2));

        Assert.NotEmpty(_measurements);
        Assert.All(_measurements, m =>
        {
            Assert.Equal(4, m.Tags.Count);
            Assert.Equal("gumbel-st", m.Tags["method"]);
            Assert.Equal("fmnist-10", m.Tags["scenario"]);
            Assert.Equal(42L, m.Tags["seed"]);
            Assert.Equal(2, m.Tags["rank"]);
        });
    }

    [Fact]
    public void Record_LeavesOutNonFiniteValues_AndAbsentValidation()
    {
        _metrics.Record(Samples.Point(1) with { TaskLoss = double.NaN, Entropy = double.PositiveInfinity }, new RunTags("sfe", "s", 1));

        var names = _measurements.Select(m => m.Name).ToHashSet();
        Assert.Equal(4, names.Count);
        Assert.DoesNotContain("agentlab.train.loss", names);
        Assert.DoesNotContain("agentlab.sender.entropy", names);
        Assert.DoesNotContain("agentlab.game.validation_success_rate", names);
    }

    [Fact]
    public void Instruments_AreHistogramsOnTheAgentLabMeter()
    {
        var instruments = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) => { if (ReferenceEquals(instrument.Meter, _metrics.Meter)) instruments.Add(instrument); },
        };
        listener.Start();

        Assert.Equal("AgentLab", _metrics.Meter.Name);
        Assert.Equal(7, instruments.Count);
        Assert.All(instruments, instrument => Assert.IsType<Histogram<double>>(instrument));
    }

    private static void AssertMeasurement(Measurement measurement, string unit, double value)
    {
        Assert.Equal(unit, measurement.Unit);
        Assert.Equal(value, measurement.Value);
    }
}
