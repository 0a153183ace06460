using AgentLab.Telemetry.Retrieval;

namespace AgentLab.Telemetry.Tests.Retrieval;

public sealed class RetrievalTableTests
{
    private static RetrievalCell Cell(string map, int memories, int seed, double exact, double seconds = 0.5, int steps = 1) => new()
    {
        Memories = memories, Corruption = "mask", Map = map, Post = "l2", Beta = 100, Steps = steps, Seed = seed,
        Queries = memories, Batch = 256, Exact = exact, Success = 1, Support = 1.5, SupportAbove001 = 1, StepsTaken = steps,
        RecallSeconds = seconds,
    };

    [Fact]
    public void RowsAggregateTheSeedsOfOneSettingInSweepOrder()
    {
        var table = RetrievalTable.FromCells("s", [
            Cell("sparsemax", 1024, 0, 0.7, seconds: 2), Cell("softmax", 1024, 0, 0.5), Cell("sparsemax", 1024, 1, 0.8, seconds: 4),
            Cell("softmax", 64, 0, 0.9, seconds: 0.01), Cell("softmax", 1024, 0, 0.6, steps: 5),
        ]);
        Assert.Equal([(64, "softmax", 1), (1024, "sparsemax", 1), (1024, "softmax", 1), (1024, "softmax", 5)],
            table.Rows.Select(row => (row.Memories, row.Map, row.Steps)));
        var sparse = table.Rows[1];
        Assert.Equal([0L, 1L], sparse.Seeds);
        Assert.Equal(0.75, sparse.Mean(RetrievalTable.Exact), 12);
        Assert.Equal(0.05, sparse.Figures[RetrievalTable.Exact].StandardError, 12); // sd 0.0707 over √2
        // 1024 queries in 4 batches of 256: 2 s -> 500 ms a batch, 512 queries/s; 4 s -> 1000 ms, 256 queries/s.
        Assert.Equal(750, sparse.Mean(RetrievalTable.MillisecondsPerBatch), 9);
        Assert.Equal(384, sparse.Mean(RetrievalTable.QueriesPerSecond), 9);
        // N = 64 is one (smaller) batch.
        Assert.Equal(10, table.Rows[0].Mean(RetrievalTable.MillisecondsPerBatch), 9);
    }

    [Fact]
    public void ACellMeasuredTwiceIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => RetrievalTable.FromCells("s", [Cell("softmax", 64, 0, 0.5), Cell("softmax", 64, 0, 0.6)]));
        Assert.Contains("measured 2 times", e.Message);
        Assert.Contains("no retrieval cells", Assert.Throws<ArgumentException>(() => RetrievalTable.FromCells("s", [])).Message);
    }

    [Fact]
    public void TheCsvIsLongFormWithExactNumbers()
    {
        string csv = RetrievalCsv.Render(RetrievalTable.FromCells("s", [Cell("2-normmax", 64, 0, 0.1 + 0.2)]));
        Assert.StartsWith(RetrievalCsv.Header + "\n64,mask,2-normmax,l2,100,1,exact,0.30000000000000004,0,1\n", csv);
        Assert.Equal(1 + RetrievalTable.FigureNames.Length, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
