using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentLab.Telemetry.Runs;

/// <summary>
/// The one set of JSON options for every file the telemetry layer writes, so that the files are
/// the same whoever writes them.
/// </summary>
public static class TelemetryJson
{
    /// <summary>
    /// snake_case property names (dictionary keys are kept as given); null optional fields left
    /// out; doubles written in .NET's shortest round-trip form, so reading gives back the same bits.
    /// NaN and ±Infinity are written as the strings "NaN", "Infinity", "-Infinity": a diverging run
    /// must still be recorded truthfully rather than fail to log.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: false);

    /// <summary>The same as <see cref="Options"/>, indented for files people read.</summary>
    public static JsonSerializerOptions IndentedOptions { get; } = CreateOptions(indented: true);

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            WriteIndented = indented,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
