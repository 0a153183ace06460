using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace AgentLab.Telemetry.Metrics;

/// <summary>
/// Turns metric export on for a process, but only when asked: with
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the <c>AgentLab</c> meter is exported over OTLP;
/// without it, nothing is built, so a plain run opens no connection and starts no thread.
/// </summary>
public static class TelemetrySetup
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// OpenTelemetry exports metrics every 60 s by default, too coarse for a training run of a few
    /// minutes; this applies unless <c>OTEL_METRIC_EXPORT_INTERVAL</c> says otherwise.
    /// </summary>
    public const int DefaultExportIntervalMilliseconds = 10_000;

    /// <summary>
    /// Starts exporting when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; dispose the result at exit
    /// to flush. The exporter reads the endpoint and the other standard <c>OTEL_EXPORTER_OTLP_*</c>
    /// variables (protocol, headers, timeout) itself.
    /// </summary>
    public static TelemetrySession Start(string serviceName) => Start(serviceName, Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="Start(string)"/>, deciding from the given environment (tests pass their own).</summary>
    internal static TelemetrySession Start(string serviceName, Func<string, string?> readEnvironment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        if (string.IsNullOrWhiteSpace(readEnvironment(EndpointVariable))) return new TelemetrySession(null);

        var provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .AddMeter(MetricNames.MeterName)
            .AddOtlpExporter((_, readerOptions) =>
                readerOptions.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds ??= DefaultExportIntervalMilliseconds)
            .Build();
        return new TelemetrySession(provider);
    }
}
