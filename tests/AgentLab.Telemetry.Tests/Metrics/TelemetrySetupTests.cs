using System.Diagnostics;
using AgentLab.Telemetry.Metrics;

namespace AgentLab.Telemetry.Tests.Metrics;

public sealed class TelemetrySetupTests
{
    [Fact]
    public void WithoutTheEndpointVariable_NothingIsBuilt()
    {
        using var session = TelemetrySetup.Start("agentlab-test", _ => null);

        Assert.False(session.IsExporting);
        Assert.Null(session.Provider);
    }

    [Fact]
    public void WithABlankEndpointVariable_NothingIsBuilt()
    {
        using var session = TelemetrySetup.Start("agentlab-test", name => name == "OTEL_EXPORTER_OTLP_ENDPOINT" ? " " : null);

        Assert.False(session.IsExporting);
    }

    [Fact]
    public void WithTheEndpointVariable_AProviderIsBuilt_AndDisposesPromptly()
    {
        var session = TelemetrySetup.Start("agentlab-test", name => name == "OTEL_EXPORTER_OTLP_ENDPOINT" ? "http://localhost:4317" : null);
        var clock = Stopwatch.StartNew();

        Assert.True(session.IsExporting);
        Assert.NotNull(session.Provider);
        session.Dispose();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"disposing took {clock.Elapsed}");
    }

    [Fact]
    public void Start_FollowsTheProcessEnvironment()
    {
        bool variableSet = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TelemetrySetup.EndpointVariable));

        using var session = TelemetrySetup.Start("agentlab-test");

        Assert.Equal(variableSet, session.IsExporting);
    }
}
