using AgentLab.Telemetry.Runs;

namespace AgentLab.Telemetry.Tests.Runs;

public sealed class RunStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RunStore _store;

    public RunStoreTests() => _store = new RunStore(Path.Combine(_temp.Path, "sfe", "seed-1"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Append_WritesOneJsonObjectPerLine_ReadableAtOnce()
    {
        _store.Append(Samples.Point(10, success: 0.25));
        var afterOne = File.ReadAllText(_store.MetricsPath);
        _store.Append(Samples.Point(20, success: 0.5) with { ValidationSuccess = 0.4 });

        var lines = File.ReadAllLines(_store.MetricsPath);
        Assert.EndsWith("}\n", afterOne);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("{\"step\":", line));
        var points = _store.ReadMetrics();
        Assert.Equal([10L, 20L], points.Select(p => p.Step));
        Assert.Equal(Samples.Point(10, success: 0.25), points[0]);
        Assert.Equal(0.4, points[1].ValidationSuccess);
    }

    [Fact]
    public void ReadMetrics_IsEmpty_BeforeAnythingWasLogged()
    {
        Assert.Empty(_store.ReadMetrics());
        Assert.False(Directory.Exists(_store.Directory));
    }

    [Fact]
    public void ReadMetrics_NamesTheFileAndLine_OfAMalformedLine()
    {
        _store.Append(Samples.Point(1));
        File.AppendAllText(_store.MetricsPath, "{\"step\": 2, oops}\n");
        _store.Append(Samples.Point(3));

        var error = Assert.Throws<RunStoreException>(() => _store.ReadMetrics());

        Assert.Equal(_store.MetricsPath, error.Path);
        Assert.Equal(2, error.LineNumber);
        Assert.Contains($"{_store.MetricsPath}, line 2:", error.Message);
    }

    [Fact]
    public void ReadMetrics_ExplainsATornLastLine_AndTruncateAfterDropsIt()
    {
        _store.Append(Samples.Point(1));
        _store.Append(Samples.Point(2));
        File.AppendAllText(_store.MetricsPath, "{\"step\":3,\"gam");

        var error = Assert.Throws<RunStoreException>(() => _store.ReadMetrics());
        Assert.Equal(3, error.LineNumber);
        Assert.Contains("killed", error.Message);

        int removed = _store.TruncateAfter(2);

        Assert.Equal(0, removed);
        Assert.Equal([1L, 2L], _store.ReadMetrics().Select(p => p.Step));
        Assert.EndsWith("}\n", File.ReadAllText(_store.MetricsPath));
    }

    [Fact]
    public void TruncateAfter_KeepsStepsUpToTheCheckpoint_ByteForByte_AndAppendsContinue()
    {
        foreach (long step in new long[] { 100, 200, 300, 400 }) _store.Append(Samples.Point(step));
        var originalLines = File.ReadAllLines(_store.MetricsPath);

        int removed = _store.TruncateAfter(200);
        _store.Append(Samples.Point(300, success: 0.9));

        var lines = File.ReadAllLines(_store.MetricsPath);
        Assert.Equal(2, removed);
        Assert.Equal(originalLines[..2], lines[..2]);
        Assert.Equal([100L, 200L, 300L], _store.ReadMetrics().Select(p => p.Step));
        Assert.Equal(0.9, _store.ReadMetrics()[^1].Success);
        Assert.Empty(Directory.GetFiles(_store.Directory, "*.tmp-*"));
    }

    [Fact]
    public void TruncateAfter_RefusesToRewriteAFileWithAMalformedLine()
    {
        _store.Append(Samples.Point(1));
        File.AppendAllText(_store.MetricsPath, "not json\n");
        string before = File.ReadAllText(_store.MetricsPath);

        var error = Assert.Throws<RunStoreException>(() => _store.TruncateAfter(0));

        Assert.Equal(2, error.LineNumber);
        Assert.Equal(before, File.ReadAllText(_store.MetricsPath));
    }

    [Fact]
    public void TruncateAfter_WithoutMetrics_DoesNothing()
    {
        Assert.Equal(0, _store.TruncateAfter(5));
        Assert.False(File.Exists(_store.MetricsPath));
    }

    [Fact]
    public void Summary_RoundTrips_AndReplacesAnEarlierOne()
    {
        Assert.False(_store.HasSummary);
        _store.WriteSummary(Samples.Summary(testSuccess: 0.5));
        _store.WriteSummary(Samples.Summary(testSuccess: 0.75) with { Notes = new() { ["commit"] = "abc123" } });

        var summary = _store.ReadSummary();

        Assert.True(_store.HasSummary);
        Assert.Equal(0.75, summary.TestSuccess);
        Assert.Equal("abc123", summary.Notes!["commit"]);
        Assert.Contains("\"test_success\": 0.75", File.ReadAllText(_store.SummaryPath));
        Assert.Empty(Directory.GetFiles(_store.Directory, "*.tmp-*"));
    }

    [Fact]
    public void ReadSummary_NamesTheFile_WhenMissingOrMalformed()
    {
        var missing = Assert.Throws<RunStoreException>(() => _store.ReadSummary());
        Assert.Contains(_store.SummaryPath, missing.Message);
        Assert.Contains("not finished", missing.Message);

        Directory.CreateDirectory(_store.Directory);
        File.WriteAllText(_store.SummaryPath, "{\n  \"scenario\": \"x\",\n  \"method\": 3\n}");
        var malformed = Assert.Throws<RunStoreException>(() => _store.ReadSummary());
        Assert.Equal(_store.SummaryPath, malformed.Path);
        Assert.Equal(3, malformed.LineNumber);
    }

    [Fact]
    public void ReadResults_PairsTheSummaryWithTheCurve()
    {
        _store.Append(Samples.Point(5));
        _store.WriteSummary(Samples.Summary());

        var results = _store.ReadResults();

        Assert.Equal("sfe", results.Summary.Method);
        Assert.Equal(5, Assert.Single(results.Metrics).Step);
    }
}
