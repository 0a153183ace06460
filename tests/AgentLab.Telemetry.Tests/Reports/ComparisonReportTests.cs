using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AgentLab.Telemetry.Reports;
using AgentLab.Telemetry.Tests.Runs;

namespace AgentLab.Telemetry.Tests.Reports;

public sealed class ComparisonReportTests : IDisposable
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Output => Path.Combine(_temp.Path, "report");

    private string Read(string name) => File.ReadAllText(Path.Combine(Output, name));

    [Fact]
    public void WritesTheFourFiles_AndNoTemporaryOnes()
    {
        ComparisonReport.Write(ReportSamples.Comparison(), Output);

        Assert.Equal(
            ["comparison.csv", "comparison.json", "comparison.md", "report.html"],
            Directory.GetFiles(Output).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Markdown_HasOneRowPerMethod_WithMeanPlusMinusErrorAndN()
    {
        ComparisonReport.Write(ReportSamples.Comparison(), Output);
        var lines = Read("comparison.md").Split('\n');

        Assert.Contains("| method | n | test_success | test_success_greedy | mean_receiver_calls | mean_nonzeros | train_games_per_second | wall_seconds | baseline |", lines);
        var rows = lines.Where(line => line.StartsWith("| ") && !line.StartsWith("| method")).ToList();
        Assert.Equal(3, rows.Count);
        Assert.StartsWith("| dense-marg | 3 | 0.85 ± 0.02887 | 0.9 ± 0.02887 | 256 ± 0 | 256 ± 0 |", rows[0]);
        Assert.EndsWith("| — |", rows[0]);
        Assert.StartsWith("| sparsemax-marg | 3 | 0.86 ± 0.01155 |", rows[1]);
        Assert.StartsWith("| sfe | 1 | 0.5 ± 0 |", rows[2]);
        Assert.EndsWith("| 0.25 ± 0 |", rows[2]);
    }

    [Fact]
    public void Csv_IsLongForm_WithExactNumbers()
    {
        ComparisonReport.Write(ReportSamples.Comparison(), Output);
        var lines = Read("comparison.csv").TrimEnd('\n').Split('\n');

        Assert.Equal("method,figure,mean,stderr,n", lines[0]);
        Assert.Equal(3 * 6 + 1 + 1, lines.Length); // six fixed figures per method, sfe's extra, header
        var denseSuccess = lines[1].Split(',');
        Assert.Equal(["dense-marg", "test_success"], denseSuccess[..2]);
        Assert.Equal(0.85, double.Parse(denseSuccess[2], CultureInfo.InvariantCulture), 12);
        Assert.Equal(Math.Sqrt(0.0025 / 3), double.Parse(denseSuccess[3], CultureInfo.InvariantCulture), 12);
        Assert.Equal("3", denseSuccess[4]);
        Assert.Equal("sfe,baseline,0.25,0,1", lines[^1]);
    }

    [Fact]
    public void Csv_QuotesNamesWithCommas()
    {
        ComparisonReport.Write([ReportSamples.Run("sfe, tuned", 1, 0.5)], Output);

        Assert.StartsWith("\"sfe, tuned\",test_success,0.5,0,1", Read("comparison.csv").Split('\n')[1]);
    }

    [Fact]
    public void Json_HasPerMethodStatistics_AndThePerSeedValues()
    {
        ComparisonReport.Write(ReportSamples.Comparison(), Output);
        var json = JsonNode.Parse(Read("comparison.json"))!;

        Assert.Equal("fmnist-10", (string?)json["scenario"]);
        var methods = json["methods"]!.AsArray();
        Assert.Equal(["dense-marg", "sparsemax-marg", "sfe"], methods.Select(m => (string?)m!["method"]));
        var denseSuccess = methods[0]!["figures"]!["test_success"]!;
        Assert.Equal(0.85, (double)denseSuccess["mean"]!, 12);
        Assert.Equal(Math.Sqrt(0.0025 / 3), (double)denseSuccess["stderr"]!, 12);
        Assert.Equal(3, (int)denseSuccess["n"]!);
        Assert.Equal([1L, 2L, 3L], denseSuccess["values"]!.AsArray().Select(v => (long)v!["seed"]!));
        Assert.Equal([0.80, 0.90, 0.85], denseSuccess["values"]!.AsArray().Select(v => (double)v!["value"]!));
        Assert.Equal([1L, 2L, 3L], methods[1]!["seeds"]!.AsArray().Select(s => (long)s!));
        Assert.Null(methods[0]!["figures"]!["baseline"]);
        Assert.Equal(0.25, (double)methods[2]!["figures"]!["baseline"]!["mean"]!);
    }

    [Fact]
    public void Html_IsSelfContained_WithTheTable_AndThreeWellFormedSvgPlots()
    {
        ComparisonReport.Write(ReportSamples.Comparison(), Output);
        string html = Read("report.html");

        var svgs = SvgFragments(html);
        Assert.Equal(3, Regex.Count(html, "<svg"));
        Assert.Equal(3, svgs.Count);
        foreach (string method in new[] { "dense-marg", "sparsemax-marg", "sfe" })
        {
            Assert.Contains($"<td>{method}</td>", html);
            Assert.All(svgs, svg => Assert.Contains(method, svg.Descendants(Svg + "text").Select(t => t.Value)));
        }
        Assert.Contains("<td>0.85 ± 0.02887</td>", html);
        Assert.Contains("sparsemax-marg (validation)", svgs[0].Descendants(Svg + "text").Select(t => t.Value));
        Assert.Contains("receiver calls (log scale)", svgs[1].Descendants(Svg + "text").Select(t => t.Value));
        Assert.Contains("mean nonzeros (log scale)", svgs[2].Descendants(Svg + "text").Select(t => t.Value));
        AssertSelfContained(html);
    }

    [Fact]
    public void Html_IsWellFormedAsAWhole()
    {
        ComparisonReport.Write(ReportSamples.Comparison(), Output);

        var document = XDocument.Parse(Read("report.html").Replace("<!DOCTYPE html>", ""));

        Assert.Equal("html", document.Root!.Name.LocalName);
        Assert.Single(document.Descendants("table"));
    }

    [Fact]
    public void NaN_LonePoints_AndEmptySeries_DoNotCrash()
    {
        var runs = new List<Telemetry.Runs.RunResults>
        {
            ReportSamples.Run("diverged", 1, double.NaN, metrics: ReportSamples.Curve(256, 0.3, double.NaN, double.NaN)),
            ReportSamples.Run("diverged", 2, 0.4, nonzeros: double.NaN, metrics: ReportSamples.Curve(double.NaN, 0.3)),
            ReportSamples.Run("one-point", 1, 0.7, metrics: [Samples.Point(100, 0.7)]),
            ReportSamples.Run("no-curve", 1, 0.6, nonzeros: 0, calls: 0, metrics: []),
        };

        ComparisonReport.Write(runs, Output);
        string html = Read("report.html");

        Assert.Equal(3, SvgFragments(html).Count);
        Assert.Contains("<td>NaN ± NaN</td>", html);
        Assert.Contains("diverged,test_success,NaN,NaN,2", Read("comparison.csv"));
        Assert.Equal("NaN", (string?)JsonNode.Parse(Read("comparison.json"))!["methods"]![0]!["figures"]!["test_success"]!["mean"]);
    }

    [Fact]
    public void ASingleRun_MakesAReport()
    {
        var table = ComparisonReport.Write([ReportSamples.Run("sfe", 1, 0.5, metrics: [])], Output);

        Assert.Equal(0, table.Methods[0].Figures["test_success"].StandardError);
        Assert.Equal(3, SvgFragments(Read("report.html")).Count);
    }

    [Fact]
    public void EmptyInput_IsAClearArgumentException_AndWritesNothing()
    {
        var error = Assert.Throws<ArgumentException>(() => ComparisonReport.Write([], Output));

        Assert.Contains("no runs", error.Message);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public void MethodNamesThatLookLikeMarkup_AreEscaped()
    {
        ComparisonReport.Write([ReportSamples.Run("<b>bold</b> & co", 1, 0.5)], Output);
        string html = Read("report.html");

        Assert.DoesNotContain("<b>", html);
        Assert.Contains("<td>&lt;b&gt;bold&lt;/b&gt; &amp; co</td>", html);
        Assert.Equal(3, SvgFragments(html).Count);
    }

    /// <summary>Every inline SVG, parsed on its own: a parse failure fails the test.</summary>
    private static List<XElement> SvgFragments(string html) =>
        Regex.Matches(html, "<svg.*?</svg>", RegexOptions.Singleline).Select(match => XElement.Parse(match.Value)).ToList();

    private static void AssertSelfContained(string html)
    {
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("href=", html);
        Assert.DoesNotContain("url(", html);
        Assert.DoesNotContain("@import", html);
        // The only address is the SVG namespace name, which is an identifier, never fetched.
        Assert.Equal(3, Regex.Count(html, "https?://"));
        Assert.Equal(3, Regex.Count(html, "http://www.w3.org/2000/svg"));
    }
}
