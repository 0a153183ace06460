using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace AgentLab.Numerics;

/// <summary>
/// A checkpoint read from disk: its metadata and its named arrays. The arrays are fresh copies
/// owned by this object; callers may keep them or copy them into their own buffers with a shape
/// check via <see cref="CopyTo"/>. All lookup failures throw <see cref="CheckpointException"/>
/// naming the file.
/// </summary>
public sealed class Checkpoint
{
    private const int MaxNamesInMessage = 20;
    private readonly Dictionary<string, CheckpointEntry> _byName;

    internal Checkpoint(string path, uint formatVersion, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<CheckpointEntry> entries)
    {
        Path = path;
        FormatVersion = formatVersion;
        // Read-only views, so a checkpoint shared between components cannot be edited in place.
        Metadata = new ReadOnlyDictionary<string, string>(metadata.ToDictionary(StringComparer.Ordinal));
        Entries = entries.ToArray().AsReadOnly();
        _byName = entries.ToDictionary(entry => entry.Name, StringComparer.Ordinal);
    }

    /// <summary>The file this checkpoint was read from.</summary>
    public string Path { get; }

    /// <summary>The format version the file was written with.</summary>
    public uint FormatVersion { get; }

    /// <summary>The metadata strings, by key.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The entries in file order.</summary>
    public IReadOnlyList<CheckpointEntry> Entries { get; }

    /// <summary>Whether an entry with this name exists.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Looks up an entry without throwing.</summary>
    public bool TryGetEntry(string name, [NotNullWhen(true)] out CheckpointEntry? entry) => _byName.TryGetValue(name, out entry);

    /// <summary>The entry with this name.</summary>
    /// <exception cref="CheckpointException">No such entry (<see cref="CheckpointErrorKind.MissingEntry"/>).</exception>
    public CheckpointEntry GetEntry(string name)
    {
        if (_byName.TryGetValue(name, out var entry)) return entry;
        var names = Entries.Take(MaxNamesInMessage).Select(e => e.Name);
        string list = string.Join(", ", names) + (Entries.Count > MaxNamesInMessage ? $", ... ({Entries.Count} in all)" : "");
        throw new CheckpointException(Path, CheckpointErrorKind.MissingEntry,
            $"no entry named \"{name}\" (entries: {(Entries.Count == 0 ? "none" : list)})");
    }

    /// <summary>The entry with this name, which must have exactly <paramref name="expectedShape"/>.</summary>
    /// <exception cref="CheckpointException">No such entry, or its shape differs (<see cref="CheckpointErrorKind.ShapeMismatch"/>).</exception>
    public CheckpointEntry GetEntry(string name, ReadOnlySpan<int> expectedShape)
    {
        var entry = GetEntry(name);
        if (!entry.Shape.AsSpan().SequenceEqual(expectedShape))
            throw new CheckpointException(Path, CheckpointErrorKind.ShapeMismatch,
                $"entry \"{name}\" has shape {ShapeOf.Format(entry.Shape)}, expected {ShapeOf.Format(expectedShape)}");
        return entry;
    }

    /// <summary>
    /// Copies an entry into an existing buffer (e.g. a parameter's storage) after checking that
    /// the stored shape is exactly <paramref name="expectedShape"/>.
    /// </summary>
    /// <exception cref="CheckpointException">No such entry, or its shape differs.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> does not have the expected shape's element count.</exception>
    public void CopyTo(string name, ReadOnlySpan<int> expectedShape, Span<float> destination)
    {
        long expectedCount = ShapeText.ElementCount(expectedShape);
        if (expectedCount != destination.Length)
            throw new ArgumentException(
                $"checkpoint {Path}: destination for entry \"{name}\" has {destination.Length} elements but the expected shape {ShapeOf.Format(expectedShape)} has {expectedCount}",
                nameof(destination));
        GetEntry(name, expectedShape).Data.CopyTo(destination);
    }

    /// <summary>The metadata value for this key.</summary>
    /// <exception cref="CheckpointException">No such key (<see cref="CheckpointErrorKind.MissingMetadata"/>).</exception>
    public string GetMetadata(string key) =>
        Metadata.TryGetValue(key, out var value)
            ? value
            : throw new CheckpointException(Path, CheckpointErrorKind.MissingMetadata, $"no metadata key \"{key}\"");
}
