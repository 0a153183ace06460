using System.Text;
using System.Text.Json;
using AgentLab.Numerics;

namespace AgentLab.Telemetry.Runs;

/// <summary>
/// The files of one run directory: <c>metrics.jsonl</c>, the training curve, one
/// <see cref="MetricsPoint"/> per line, appended as training goes; and <c>summary.json</c>, the
/// <see cref="RunSummary"/> written once at the end. Appends from several threads are serialised.
/// </summary>
public sealed class RunStore
{
    public const string MetricsFileName = "metrics.jsonl";
    public const string SummaryFileName = "summary.json";

    private readonly Lock _writeLock = new();

    /// <summary>Names the run directory; nothing is created until the first write.</summary>
    public RunStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    public string MetricsPath => Path.Combine(Directory, MetricsFileName);

    public string SummaryPath => Path.Combine(Directory, SummaryFileName);

    /// <summary>Whether the run finished and wrote its summary.</summary>
    public bool HasSummary => File.Exists(SummaryPath);

    /// <summary>
    /// Appends one line and hands it to the operating system before returning, so a killed run
    /// keeps every point it logged. The file is opened per line rather than held open: points come
    /// once per logging interval, so the cost is nothing, and no handle outlives a crash or blocks
    /// <see cref="TruncateAfter"/>. The line goes out in one write, so a kill cannot interleave it.
    /// </summary>
    public void Append(MetricsPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        byte[] line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(point, TelemetryJson.Options) + "\n");
        lock (_writeLock)
        {
            System.IO.Directory.CreateDirectory(Directory);
            using var stream = new FileStream(MetricsPath, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(line);
        }
    }

    /// <summary>
    /// Every point in file order; an empty list when nothing was logged yet. Blank lines are
    /// skipped. Throws <see cref="RunStoreException"/> naming the file and line of a malformed line.
    /// </summary>
    public IReadOnlyList<MetricsPoint> ReadMetrics()
    {
        if (!File.Exists(MetricsPath)) return [];
        return MetricsLine.Split(File.ReadAllText(MetricsPath))
            .Where(line => !line.IsBlank)
            .Select(line => line.Parse(MetricsPath))
            .ToList();
    }

    /// <summary>
    /// Keeps only the points with <c>step &lt;= <paramref name="step"/></c>: a run resuming from its
    /// checkpoint at that step will log the later steps again, and must not log them twice. Kept
    /// lines are copied byte for byte; the file is replaced atomically, so a crash here loses
    /// nothing. An unparsable unterminated last line — an append cut short by a kill — is dropped
    /// too; any other malformed line is an error. Returns how many points were removed.
    /// </summary>
    public int TruncateAfter(long step)
    {
        lock (_writeLock)
        {
            if (!File.Exists(MetricsPath)) return 0;
            var kept = new StringBuilder();
            int removed = 0;
            foreach (var line in MetricsLine.Split(File.ReadAllText(MetricsPath)))
            {
                if (line.IsBlank) continue;
                MetricsPoint? point = line.IsTerminated ? line.Parse(MetricsPath) : TryParse(line);
                if (point is null) continue; // the torn last append of a killed run
                if (point.Step <= step) kept.Append(line.Text).Append('\n');
                else removed++;
            }
            AtomicFile.WriteAllText(MetricsPath, kept.ToString());
            return removed;
        }
    }

    /// <summary>Writes <c>summary.json</c> (indented) atomically, replacing any earlier one.</summary>
    public void WriteSummary(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        string json = JsonSerializer.Serialize(summary, TelemetryJson.IndentedOptions) + "\n";
        lock (_writeLock)
        {
            System.IO.Directory.CreateDirectory(Directory);
            AtomicFile.WriteAllText(SummaryPath, json);
        }
    }

    /// <summary>Reads <c>summary.json</c>; throws <see cref="RunStoreException"/> when it is missing or malformed.</summary>
    public RunSummary ReadSummary()
    {
        if (!File.Exists(SummaryPath))
            throw new RunStoreException(SummaryPath, null, "no summary: the run has not finished (or ran elsewhere)");
        try
        {
            return JsonSerializer.Deserialize<RunSummary>(File.ReadAllText(SummaryPath), TelemetryJson.Options)
                ?? throw new RunStoreException(SummaryPath, null, "expected a JSON object, found null");
        }
        catch (JsonException e)
        {
            throw new RunStoreException(SummaryPath, (int?)(e.LineNumber + 1), $"not a valid run summary: {e.Message}", e);
        }
    }

    /// <summary>The summary and the training curve together, as a comparison report takes them.</summary>
    public RunResults ReadResults() => new(ReadSummary(), ReadMetrics());

    private MetricsPoint? TryParse(MetricsLine line)
    {
        try { return line.Parse(MetricsPath); }
        catch (RunStoreException) { return null; }
    }
}
