using AgentLab.Numerics;

namespace AgentLab.Tests.Numerics;

public sealed class CheckpointDirectoryTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _directory;

    public CheckpointDirectoryTests() => _directory = _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void CheckpointDirectory_KeepsTheLastN()
    {
        var run = new CheckpointDirectory(Path.Combine(_directory, "run"), keepLast: 3);
        foreach (long step in new long[] { 100, 200, 300, 400, 500 }) run.Save(step, SampleEntries(), StepMetadata(step));

        Assert.Equal([300L, 400L, 500L], run.List().Select(f => f.Step));
        Assert.Equal(Path.Combine(_directory, "run", "step-000500.ckpt"), run.List()[^1].Path);
    }

    [Fact]
    public void CheckpointDirectory_FindsLatestValid_SkippingACorruptNewestWithAWarning()
    {
        var run = new CheckpointDirectory(_directory, keepLast: 5);
        foreach (long step in new long[] { 100, 200, 300 }) run.Save(step, SampleEntries(), StepMetadata(step));
        var newest = run.PathForStep(300);
        var bytes = File.ReadAllBytes(newest);
        bytes[^30] ^= 0x10;
        File.WriteAllBytes(newest, bytes);

        var result = run.FindLatestValid();

        Assert.True(result.Found);
        Assert.Equal(200, result.Step);
        Assert.Equal("200", result.Checkpoint!.GetMetadata("step"));
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("step 300", warning);
        Assert.Contains(newest, warning);
        Assert.Contains("checksum mismatch", warning);
    }

    [Fact]
    public void CheckpointDirectory_ReportsNothingFound_WhenEmptyOrAllCorrupt()
    {
        var run = new CheckpointDirectory(Path.Combine(_directory, "run"));
        var empty = run.FindLatestValid();
        Assert.False(empty.Found);
        Assert.Empty(empty.Warnings);

        run.Save(1, SampleEntries(), StepMetadata(1));
        File.WriteAllBytes(run.PathForStep(1), [1, 2, 3]);
        var corrupt = run.FindLatestValid();
        Assert.False(corrupt.Found);
        Assert.Null(corrupt.Step);
        Assert.Single(corrupt.Warnings);
    }

    [Fact]
    public void CheckpointDirectory_IgnoresTemporaryAndForeignFiles()
    {
        var run = new CheckpointDirectory(_directory, keepLast: 1);
        run.Save(7, SampleEntries(), StepMetadata(7));
        File.WriteAllText(AtomicFile.TempPathFor(run.PathForStep(8)), "partial");
        File.WriteAllText(Path.Combine(_directory, "step-abc.ckpt"), "x");
        File.WriteAllText(Path.Combine(_directory, "notes.txt"), "x");

        Assert.Equal([7L], run.List().Select(f => f.Step));
        Assert.Equal(7, run.FindLatestValid().Step);
        Assert.Empty(run.Prune());
    }

    [Fact]
    public void CheckpointDirectory_NeverPrunesTheCheckpointJustSaved()
    {
        // A run resumed from step 200 (say the newer files were abandoned) saves step 250.
        var run = new CheckpointDirectory(_directory, keepLast: 2);
        foreach (long step in new long[] { 200, 300, 400 }) run.Save(step, SampleEntries(), StepMetadata(step));
        run.Save(250, SampleEntries(), StepMetadata(250));
        Assert.Contains(250L, run.List().Select(f => f.Step));
        Assert.Equal(2, run.List().Count);
    }

    private static List<CheckpointEntry> SampleEntries() => CheckpointTests.SampleEntries();

    private static Dictionary<string, string> StepMetadata(long step) => new() { ["step"] = step.ToString() };
}
