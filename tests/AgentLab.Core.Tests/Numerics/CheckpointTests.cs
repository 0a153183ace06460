using System.Buffers.Binary;
using AgentLab.Numerics;

namespace AgentLab.Tests.Numerics;

public sealed class CheckpointTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _directory;
    private readonly string _path;

    public CheckpointTests()
    {
        _directory = _temp.Path;
        _path = System.IO.Path.Combine(_directory, "ck.bin");
    }

    public void Dispose() => _temp.Dispose();

    // ---- Round trip. ----

    [Fact]
    public void RoundTrip_PreservesNamesShapesExactBitsAndMetadata()
    {
        var entries = SampleEntries();
        var metadata = SampleMetadata();
        CheckpointFile.Write(_path, entries, metadata);

        var checkpoint = CheckpointFile.Read(_path);

        Assert.Equal(_path, checkpoint.Path);
        Assert.Equal(1u, checkpoint.FormatVersion);
        Assert.Equal(metadata.OrderBy(p => p.Key), checkpoint.Metadata.OrderBy(p => p.Key));
        Assert.Equal(entries.Select(e => e.Name), checkpoint.Entries.Select(e => e.Name)); // file order kept
        foreach (var expected in entries)
        {
            var actual = checkpoint.GetEntry(expected.Name);
            Assert.Equal(expected.Shape, actual.Shape);
            Assert.Equal(Bits(expected.Data), Bits(actual.Data));
        }
    }

    [Fact]
    public void RoundTrip_EmptyCheckpoint()
    {
        CheckpointFile.Write(_path, [], new Dictionary<string, string>());
        var checkpoint = CheckpointFile.Read(_path);
        Assert.Empty(checkpoint.Entries);
        Assert.Empty(checkpoint.Metadata);
    }

    [Fact]
    public void Write_IsDeterministic_RegardlessOfMetadataOrder()
    {
        CheckpointFile.Write(_path, SampleEntries(), new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });
        var first = File.ReadAllBytes(_path);
        CheckpointFile.Write(_path, SampleEntries(), new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });
        Assert.Equal(first, File.ReadAllBytes(_path));
    }

    [Fact]
    public void RngState_SurvivesAsMetadata()
    {
        var rng = new Rng(3);
        rng.NextUInt64();
        CheckpointFile.Write(_path, [], new Dictionary<string, string> { ["rng"] = rng.GetState().ToString() });
        var resumed = Rng.FromState(RngState.Parse(CheckpointFile.Read(_path).GetMetadata("rng")));
        Assert.Equal(rng.NextUInt64(), resumed.NextUInt64());
    }

    // ---- Damaged and foreign files. ----

    [Fact]
    public void Truncation_AtAnyOffset_IsReportedAsTruncated()
    {
        CheckpointFile.Write(_path, SampleEntries(), SampleMetadata());
        var bytes = File.ReadAllBytes(_path);
        int[] offsets = [0, 1, 6, 7, 10, 11, 18, 22, 23, 30, bytes.Length / 2, bytes.Length - 12, bytes.Length - 4, bytes.Length - 1];
        foreach (int length in offsets)
        {
            File.WriteAllBytes(_path, bytes[..length]);
            var error = AssertFails(CheckpointErrorKind.Truncated);
            Assert.Contains("truncated", error.Message);
            if (length >= 23) Assert.Contains($"read {length} of {bytes.Length} bytes", error.Message);
        }
    }

    [Fact]
    public void FlippedBitInData_IsAChecksumMismatch()
    {
        CheckpointFile.Write(_path, SampleEntries(), SampleMetadata());
        FlipBit(File.ReadAllBytes(_path).Length - 20, bit: 3);
        var error = AssertFails(CheckpointErrorKind.ChecksumMismatch);
        Assert.Matches(@"checksum mismatch \(file is corrupt; expected 0x[0-9A-F]{8}, got 0x[0-9A-F]{8}\)", error.Message);
    }

    [Fact]
    public void FlippedBitInHeaderLength_IsAHeaderChecksumMismatch_NotATruncation()
    {
        CheckpointFile.Write(_path, SampleEntries(), SampleMetadata());
        FlipBit(12, bit: 0);
        Assert.Contains("checksum mismatch in header", AssertFails(CheckpointErrorKind.ChecksumMismatch).Message);
    }

    [Fact]
    public void FlippedBitAnywhere_IsAlwaysACheckpointException()
    {
        // Every single-bit flip must be caught, and each by the check that owns that region.
        CheckpointFile.Write(_path, [new("w", [2, 2], [1f, 2f, 3f, 4f])], new Dictionary<string, string> { ["k"] = "v" });
        var original = File.ReadAllBytes(_path);
        for (int offset = 0; offset < original.Length; offset++)
        {
            var damaged = (byte[])original.Clone();
            damaged[offset] ^= (byte)(1 << (offset % 8));
            File.WriteAllBytes(_path, damaged);
            var expected = offset < 7 ? CheckpointErrorKind.BadMagic
                : offset < 11 ? CheckpointErrorKind.UnsupportedVersion
                : CheckpointErrorKind.ChecksumMismatch;
            AssertFails(expected);
        }
    }

    [Fact]
    public void WrongMagic_IsReported()
    {
        File.WriteAllText(_path, "this is a text file, not a checkpoint at all");
        var error = AssertFails(CheckpointErrorKind.BadMagic);
        Assert.Contains("not a checkpoint", error.Message);
        Assert.Contains("AGLCKPT", error.Message);
    }

    [Fact]
    public void UnknownVersion_IsReported()
    {
        CheckpointFile.Write(_path, SampleEntries(), SampleMetadata());
        var bytes = File.ReadAllBytes(_path);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(7), 2);
        File.WriteAllBytes(_path, bytes);
        Assert.Contains("unsupported format version 2 (this build reads version 1)", AssertFails(CheckpointErrorKind.UnsupportedVersion).Message);
    }

    [Fact]
    public void TrailingBytes_AreReportedAsMalformed()
    {
        CheckpointFile.Write(_path, SampleEntries(), SampleMetadata());
        File.AppendAllText(_path, "junk");
        Assert.Contains("4 unexpected bytes", AssertFails(CheckpointErrorKind.Malformed).Message);
    }

    [Fact]
    public void MissingFile_IsReported()
    {
        Assert.Contains("does not exist", AssertFails(CheckpointErrorKind.NotFound).Message);
    }

    // ---- Lookups. ----

    [Fact]
    public void ShapeMismatch_NamesFileEntryAndBothShapes()
    {
        CheckpointFile.Write(_path, [new("sender.w1", [4, 6], new float[24])], new Dictionary<string, string>());
        var checkpoint = CheckpointFile.Read(_path);
        var error = Assert.Throws<CheckpointException>(() => checkpoint.CopyTo("sender.w1", [4, 5], new float[20]));
        Assert.Equal(CheckpointErrorKind.ShapeMismatch, error.Kind);
        Assert.Equal($"checkpoint {_path}: entry \"sender.w1\" has shape [4, 6], expected [4, 5]", error.Message);
        Assert.Throws<CheckpointException>(() => checkpoint.GetEntry("sender.w1", [24]));
    }

    [Fact]
    public void CopyTo_FillsTheDestination_AndChecksItsLength()
    {
        CheckpointFile.Write(_path, [new("b", [3], [1f, -2f, 3f]), new("s", [], [7f])], new Dictionary<string, string>());
        var checkpoint = CheckpointFile.Read(_path);
        var destination = new float[3];
        checkpoint.CopyTo("b", [3], destination);
        Assert.Equal([1f, -2f, 3f], destination);
        var scalar = new float[1];
        checkpoint.CopyTo("s", [], scalar);
        Assert.Equal(7f, scalar[0]);
        Assert.Throws<ArgumentException>(() => checkpoint.CopyTo("b", [3], new float[4]));
    }

    [Fact]
    public void MissingEntryAndMetadata_AreReported()
    {
        CheckpointFile.Write(_path, [new("a", [1], [1f])], new Dictionary<string, string> { ["k"] = "v" });
        var checkpoint = CheckpointFile.Read(_path);
        var error = Assert.Throws<CheckpointException>(() => checkpoint.GetEntry("receiver.w1"));
        Assert.Equal(CheckpointErrorKind.MissingEntry, error.Kind);
        Assert.Equal($"checkpoint {_path}: no entry named \"receiver.w1\" (entries: a)", error.Message);
        Assert.False(checkpoint.Contains("receiver.w1"));
        Assert.False(checkpoint.TryGetEntry("receiver.w1", out _));
        Assert.Equal(CheckpointErrorKind.MissingMetadata, Assert.Throws<CheckpointException>(() => checkpoint.GetMetadata("step")).Kind);
    }

    // ---- Writing. ----

    [Fact]
    public void Write_RejectsInconsistentEntries_WithoutTouchingTheDisk()
    {
        var none = new Dictionary<string, string>();
        Assert.Throws<ArgumentException>(() => CheckpointFile.Write(_path, [new("a", [2, 3], new float[5])], none));
        Assert.Throws<ArgumentException>(() => CheckpointFile.Write(_path, [new("a", [1], [1f]), new("a", [1], [2f])], none));
        Assert.Throws<ArgumentException>(() => CheckpointFile.Write(_path, [new("", [1], [1f])], none));
        Assert.Throws<ArgumentException>(() => CheckpointFile.Write(_path, [new("a", [-1], [])], none));
        Assert.Throws<ArgumentException>(() => CheckpointFile.Write(_path, [], new Dictionary<string, string> { ["bad"] = "\uD800" }));
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void InterruptedWrite_LeavesThePreviousCheckpointIntact()
    {
        CheckpointFile.Write(_path, [new("w", [1], [1f])], new Dictionary<string, string> { ["step"] = "1" });

        // A writer killed before its rename leaves only a partial temporary file behind.
        File.WriteAllBytes(AtomicFile.TempPathFor(_path), [0x41, 0x47, 0x4C]);
        Assert.Equal("1", CheckpointFile.Read(_path).GetMetadata("step"));

        // The next write replaces the stale temporary file and the checkpoint.
        CheckpointFile.Write(_path, [new("w", [1], [2f])], new Dictionary<string, string> { ["step"] = "2" });
        Assert.Equal("2", CheckpointFile.Read(_path).GetMetadata("step"));
        Assert.Equal([_path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void FailedWrite_RemovesItsTemporaryFile_AndKeepsTheOldFile()
    {
        File.WriteAllText(_path, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(_path, stream =>
        {
            stream.Write([1, 2, 3]);
            throw new InvalidOperationException("simulated failure mid-write");
        }));
        Assert.Equal("old", File.ReadAllText(_path));
        Assert.Equal([_path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void WriteIntoMissingDirectory_IsACheckpointIoError()
    {
        var error = Assert.Throws<CheckpointException>(() =>
            CheckpointFile.Write(Path.Combine(_directory, "nope", "ck.bin"), [], new Dictionary<string, string>()));
        Assert.Equal(CheckpointErrorKind.Io, error.Kind);
    }

    // ---- Helpers. ----

    private CheckpointException AssertFails(CheckpointErrorKind kind)
    {
        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Read(_path));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(_path, error.Path);
        Assert.StartsWith($"checkpoint {_path}: ", error.Message);
        return error;
    }

    private void FlipBit(int offset, int bit)
    {
        var bytes = File.ReadAllBytes(_path);
        bytes[offset] ^= (byte)(1 << bit);
        File.WriteAllBytes(_path, bytes);
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    internal static List<CheckpointEntry> SampleEntries() =>
    [
        new("scalar", [], [3.5f]),
        new("vector", [5], [1f, -2f, 0.25f, 1e-30f, 6e30f]),
        new("cube", [2, 1, 3], [.. Enumerable.Range(0, 6).Select(i => i * 0.5f)]),
        new("unit", [1, 1, 1], [42f]),
        new("empty", [0, 4], []),
        new("specials", [8],
        [
            BitConverter.Int32BitsToSingle(0x7FC12345), // quiet NaN with a payload
            BitConverter.Int32BitsToSingle(unchecked((int)0xFFC00001)), // negative NaN
            -0f, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, float.MaxValue, float.MinValue,
        ]),
        new("sender.w1 ünïcødé", [2], [1f, 2f]),
    ];

    internal static Dictionary<string, string> SampleMetadata() => new()
    {
        ["step"] = "1200",
        ["config"] = "{\"lr\": 0.001}",
        ["empty"] = "",
        ["ünïcødé ключ"] = "значение ✓",
    };

}
