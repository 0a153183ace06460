using System.Globalization;
using AgentLab.Memory;
using AgentLab.Numerics;

namespace AgentLab.Agents.Memory;

/// <summary>
/// A memory's patterns in the checkpoint format (<see cref="CheckpointFile"/>: versioned, checksummed, written
/// atomically): one entry "memory.patterns" [N, D] in stored order, with the kind, N and D as metadata.
/// </summary>
public static class HopfieldMemoryCheckpoint
{
    public const string PatternsEntry = "memory.patterns";
    public const string KindKey = "kind";
    public const string Kind = "hopfield-memory";

    public static void Save(string path, HopfieldMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var entries = new[] { new CheckpointEntry(PatternsEntry, [memory.Count, memory.Dimension], memory.Patterns.ToArray()) };
        var metadata = new Dictionary<string, string>
        {
            [KindKey] = Kind,
            ["memory.count"] = memory.Count.ToString(CultureInfo.InvariantCulture),
            ["memory.dimension"] = memory.Dimension.ToString(CultureInfo.InvariantCulture),
        };
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory != null) Directory.CreateDirectory(directory);
        CheckpointFile.Write(path, entries, metadata);
    }

    /// <summary>The memory saved at <paramref name="path"/>, which must hold patterns of <paramref name="dimension"/>.</summary>
    /// <exception cref="CheckpointException">Missing, corrupt, of another kind, or of another dimension.</exception>
    public static HopfieldMemory Load(string path, int dimension)
    {
        var checkpoint = CheckpointFile.Read(path);
        string kind = checkpoint.GetMetadata(KindKey);
        if (kind != Kind)
            throw new CheckpointException(path, CheckpointErrorKind.Malformed, $"holds a \"{kind}\", not a {Kind}");
        var entry = checkpoint.GetEntry(PatternsEntry);
        if (entry.Shape.Length != 2 || entry.Shape[1] != dimension)
            throw new CheckpointException(path, CheckpointErrorKind.ShapeMismatch,
                $"entry \"{PatternsEntry}\" has shape {ShapeOf.Format(entry.Shape)}, expected [N, {dimension}] for a memory of dimension {dimension}");
        var memory = new HopfieldMemory(dimension, entry.Shape[0]);
        for (int i = 0; i < entry.Shape[0]; i++) memory.Store(entry.Data.AsSpan(i * dimension, dimension));
        return memory;
    }
}
