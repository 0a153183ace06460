using System.Text.Json;
using AgentLab.Numerics;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Telemetry.Retrieval;

/// <summary>
/// The files of a retrieval run directory: <c>cells.json</c>, every measured cell, rewritten as the sweep goes
/// (a resumed run reads it and skips what it holds), and the report made from it:
/// <c>retrieval.md</c>, <c>retrieval.csv</c>, <c>retrieval.json</c> and <c>report.html</c>, then <c>summary.json</c>.
/// Every file is replaced atomically.
/// </summary>
public static class RetrievalReport
{
    public const string CellsFileName = "cells.json";
    public const string MarkdownFileName = "retrieval.md";
    public const string CsvFileName = "retrieval.csv";
    public const string JsonFileName = "retrieval.json";
    public const string HtmlFileName = "report.html";
    public const string SummaryFileName = "summary.json";

    public static readonly string[] ReportFiles = [MarkdownFileName, CsvFileName, JsonFileName, HtmlFileName];

    public static void WriteCells(string directory, IReadOnlyList<RetrievalCell> cells)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, CellsFileName), JsonSerializer.Serialize(cells, TelemetryJson.IndentedOptions) + "\n");
    }

    /// <summary>The cells a run measured so far; none when it has not written any.</summary>
    public static List<RetrievalCell> ReadCells(string directory)
    {
        string path = Path.Combine(directory, CellsFileName);
        if (!File.Exists(path)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<RetrievalCell>>(File.ReadAllText(path), TelemetryJson.Options)
                ?? throw new RunStoreException(path, null, "expected a JSON list of cells, found null");
        }
        catch (JsonException e)
        {
            throw new RunStoreException(path, (int?)(e.LineNumber + 1), $"not a valid list of retrieval cells: {e.Message}", e);
        }
    }

    /// <summary>Writes the four report files into <paramref name="directory"/> and returns the table they show.</summary>
    public static RetrievalTable Write(string scenario, IReadOnlyList<RetrievalCell> cells, string directory)
    {
        var table = RetrievalTable.FromCells(scenario, cells);
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, MarkdownFileName), RetrievalMarkdown.Render(table));
        AtomicFile.WriteAllText(Path.Combine(directory, CsvFileName), RetrievalCsv.Render(table));
        AtomicFile.WriteAllText(Path.Combine(directory, JsonFileName), RetrievalJson.Render(table));
        AtomicFile.WriteAllText(Path.Combine(directory, HtmlFileName), RetrievalHtml.Render(table));
        return table;
    }

    public static void WriteSummary(string directory, RetrievalSummary summary) =>
        AtomicFile.WriteAllText(Path.Combine(directory, SummaryFileName), JsonSerializer.Serialize(summary, TelemetryJson.IndentedOptions) + "\n");
}
