namespace AgentLab.Numerics;

/// <summary>What went wrong with a checkpoint, for callers that react differently to each case.</summary>
public enum CheckpointErrorKind
{
    /// <summary>The file does not exist.</summary>
    NotFound,
    /// <summary>The operating system refused or failed a read or write.</summary>
    Io,
    /// <summary>The file is shorter than its header says (e.g. a copy that was cut off).</summary>
    Truncated,
    /// <summary>The file does not start with the checkpoint magic bytes.</summary>
    BadMagic,
    /// <summary>The file has a format version this build cannot read.</summary>
    UnsupportedVersion,
    /// <summary>The stored checksum does not match the content: the file is corrupt.</summary>
    ChecksumMismatch,
    /// <summary>The checksum is fine but the structure is inconsistent (a writer bug, or a foreign file).</summary>
    Malformed,
    /// <summary>A requested entry is not in the checkpoint.</summary>
    MissingEntry,
    /// <summary>A requested metadata key is not in the checkpoint.</summary>
    MissingMetadata,
    /// <summary>An entry's shape differs from the shape the caller expected.</summary>
    ShapeMismatch,
}
