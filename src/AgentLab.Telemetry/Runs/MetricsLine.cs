using System.Text.Json;

namespace AgentLab.Telemetry.Runs;

/// <summary>One physical line of <c>metrics.jsonl</c>, kept verbatim so rewriting the file changes no byte of it.</summary>
internal readonly record struct MetricsLine(int Number, string Text, bool IsTerminated)
{
    /// <summary>
    /// Splits the file's text into lines numbered from 1. The last line is unterminated when the
    /// text does not end in a newline — the mark of an append a kill interrupted.
    /// </summary>
    public static List<MetricsLine> Split(string text)
    {
        var lines = new List<MetricsLine>();
        int start = 0;
        int number = 1;
        while (start < text.Length)
        {
            int newline = text.IndexOf('\n', start);
            bool terminated = newline >= 0;
            int end = terminated ? newline : text.Length;
            string line = text[start..end].TrimEnd('\r');
            lines.Add(new MetricsLine(number, line, terminated));
            start = end + 1;
            number++;
        }
        return lines;
    }

    public bool IsBlank => string.IsNullOrWhiteSpace(Text);

    /// <summary>Parses the line, or says precisely why it cannot be parsed.</summary>
    public MetricsPoint Parse(string path)
    {
        string tornHint = IsTerminated ? "" : " (the last line has no newline: the run was probably killed while writing it; TruncateAfter drops such a line)";
        MetricsPoint? point;
        try
        {
            point = JsonSerializer.Deserialize<MetricsPoint>(Text, TelemetryJson.Options);
        }
        catch (JsonException e)
        {
            throw new RunStoreException(path, Number, $"not a valid metrics point: {e.Message}{tornHint}", e);
        }
        return point ?? throw new RunStoreException(path, Number, $"expected a JSON object, found null{tornHint}");
    }
}
