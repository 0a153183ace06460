using OpenTelemetry.Metrics;

namespace AgentLab.Telemetry.Metrics;

/// <summary>
/// What <see cref="TelemetrySetup.Start(string)"/> returns: the OpenTelemetry meter provider when
/// exporting, or nothing at all. Disposing it flushes the last measurements and stops exporting.
/// </summary>
public sealed class TelemetrySession : IDisposable
{
    internal TelemetrySession(MeterProvider? provider) => Provider = provider;

    /// <summary>The provider exporting the <c>AgentLab</c> meter over OTLP; null when not exporting.</summary>
    public MeterProvider? Provider { get; }

    public bool IsExporting => Provider is not null;

    public void Dispose() => Provider?.Dispose();
}
