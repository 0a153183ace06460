namespace AgentLab.Numerics;

/// <summary>
/// Reads and writes checkpoint files: named float32 arrays with shapes plus string metadata,
/// versioned and checksummed (layout in <see cref="CheckpointFormat"/>). Writes are atomic: a
/// crash mid-write leaves the previous file intact.
/// </summary>
public static class CheckpointFile
{
    /// <summary>
    /// Writes the entries (in the given order) and metadata to <paramref name="path"/>,
    /// atomically replacing any existing file. Metadata is the place for anything else a run
    /// must resume, e.g. the step and <see cref="RngState"/> text.
    /// </summary>
    /// <exception cref="ArgumentException">Duplicate or empty names, data length not matching the shape, or invalid text.</exception>
    /// <exception cref="CheckpointException">The file could not be written (<see cref="CheckpointErrorKind.Io"/>).</exception>
    public static void Write(string path, IReadOnlyList<CheckpointEntry> entries, IReadOnlyDictionary<string, string> metadata) =>
        CheckpointWriter.Write(path, entries, metadata);

    /// <summary>Reads and fully verifies a checkpoint.</summary>
    /// <exception cref="CheckpointException">Missing, unreadable, truncated, corrupt or foreign file; the message says which.</exception>
    public static Checkpoint Read(string path) => CheckpointReader.Read(path);
}
