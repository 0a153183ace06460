using AgentLab.Numerics;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Telemetry.Reports;

/// <summary>
/// Turns the finished runs of one scenario into a comparison of methods, written to a directory:
/// <list type="bullet">
/// <item><c>comparison.md</c> — the table: one row per method, each summary figure as mean ± standard error over seeds, and n;</item>
/// <item><c>comparison.csv</c> — the same numbers exactly, long form <c>method,figure,mean,stderr,n</c>;</item>
/// <item><c>comparison.json</c> — the same plus the per-seed values;</item>
/// <item><c>report.html</c> — one self-contained page with the table, the game's training curves (for the referential game success and receiver calls) and its trade-off plot (test success against message density).</item>
/// </list>
/// Each file is replaced atomically, so a reader never sees half a report.
/// </summary>
public static class ComparisonReport
{
    public const string MarkdownFileName = "comparison.md";
    public const string CsvFileName = "comparison.csv";
    public const string JsonFileName = "comparison.json";
    public const string HtmlFileName = "report.html";

    /// <summary>
    /// Writes the four files into <paramref name="outputDirectory"/> (created if needed) and returns
    /// the table they show. Methods appear in the order they first appear in <paramref name="runs"/>.
    /// The columns and plots are <paramref name="layout"/>'s, the referential game's when it is <c>null</c>.
    /// Throws <see cref="ArgumentException"/> for no runs, several scenarios, or a repeated method and seed.
    /// </summary>
    public static ComparisonTable Write(IReadOnlyList<RunResults> runs, string outputDirectory, ComparisonFigures? layout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var table = ComparisonTable.FromRuns(runs, layout);
        Directory.CreateDirectory(outputDirectory);
        AtomicFile.WriteAllText(Path.Combine(outputDirectory, MarkdownFileName), ComparisonMarkdown.Render(table));
        AtomicFile.WriteAllText(Path.Combine(outputDirectory, CsvFileName), ComparisonCsv.Render(table));
        AtomicFile.WriteAllText(Path.Combine(outputDirectory, JsonFileName), ComparisonJson.Render(table));
        AtomicFile.WriteAllText(Path.Combine(outputDirectory, HtmlFileName), ComparisonHtml.Render(table));
        return table;
    }
}
