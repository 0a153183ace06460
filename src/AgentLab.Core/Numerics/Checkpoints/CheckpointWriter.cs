namespace AgentLab.Numerics;

/// <summary>Validates the inputs and writes the <see cref="CheckpointFormat"/> layout atomically.</summary>
internal static class CheckpointWriter
{
    public static void Write(string path, IReadOnlyList<CheckpointEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(metadata);

        // Encode and validate everything before touching the disk, so a bad argument never
        // leaves a temporary file behind.
        var encodedMetadata = EncodeMetadata(path, metadata);
        var encodedNames = EncodeEntryNames(path, entries);
        long totalLength = ComputeTotalLength(encodedMetadata, encodedNames, entries);

        try
        {
            AtomicFile.Write(path, stream => WriteContent(stream, totalLength, encodedMetadata, encodedNames, entries));
        }
        catch (IOException e)
        {
            throw new CheckpointException(path, CheckpointErrorKind.Io, $"cannot write ({e.Message})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CheckpointException(path, CheckpointErrorKind.Io, $"cannot write ({e.Message})", e);
        }
    }

    private static void WriteContent(Stream stream, long totalLength, List<(byte[] Key, byte[] Value)> metadata,
        byte[][] names, IReadOnlyList<CheckpointEntry> entries)
    {
        var writer = new ChecksummingWriter(stream);
        writer.WriteBytes(CheckpointFormat.Magic);
        writer.WriteUInt32(CheckpointFormat.CurrentVersion);
        writer.WriteUInt64((ulong)totalLength);
        writer.WriteUInt32(writer.Checksum); // the header CRC: everything so far

        writer.WriteUInt32((uint)metadata.Count);
        foreach (var (key, value) in metadata)
        {
            writer.WriteString(key);
            writer.WriteString(value);
        }

        writer.WriteUInt32((uint)entries.Count);
        for (int i = 0; i < entries.Count; i++)
        {
            writer.WriteString(names[i]);
            writer.WriteUInt32((uint)entries[i].Shape.Length);
            foreach (int dim in entries[i].Shape) writer.WriteInt32(dim);
            writer.WriteFloats(entries[i].Data);
        }

        writer.WriteUInt64((ulong)totalLength);
        if (writer.Position != totalLength - 4)
            throw new InvalidOperationException($"checkpoint writer bug: wrote {writer.Position + 4} bytes, computed {totalLength}");
        writer.WriteUInt32(writer.Checksum);
    }

    private static List<(byte[] Key, byte[] Value)> EncodeMetadata(string path, IReadOnlyDictionary<string, string> metadata)
    {
        var encoded = new List<(byte[] Key, byte[] Value)>(metadata.Count);
        foreach (var (key, value) in metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (value is null)
                throw new ArgumentException($"checkpoint {path}: metadata \"{key}\" has a null value", nameof(metadata));
            encoded.Add((Encode(path, key, "metadata key"), Encode(path, value, $"metadata value for \"{key}\"")));
        }
        return encoded;
    }

    private static byte[][] EncodeEntryNames(string path, IReadOnlyList<CheckpointEntry> entries)
    {
        var names = new byte[entries.Count][];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw new ArgumentException($"checkpoint {path}: entries[{i}] is null", nameof(entries));
            if (string.IsNullOrEmpty(entry.Name))
                throw new ArgumentException($"checkpoint {path}: entries[{i}] has an empty name", nameof(entries));
            if (!seen.Add(entry.Name))
                throw new ArgumentException($"checkpoint {path}: entry name \"{entry.Name}\" appears twice", nameof(entries));
            if (entry.Shape is null || entry.Data is null)
                throw new ArgumentException($"checkpoint {path}: entry \"{entry.Name}\" has a null shape or data", nameof(entries));
            long count = entry.ElementCount;
            if (count < 0)
                throw new ArgumentException($"checkpoint {path}: entry \"{entry.Name}\" has invalid shape {ShapeOf.Format(entry.Shape)}", nameof(entries));
            if (count != entry.Data.Length)
                throw new ArgumentException(
                    $"checkpoint {path}: entry \"{entry.Name}\" has shape {ShapeOf.Format(entry.Shape)} ({count} elements) but {entry.Data.Length} data values",
                    nameof(entries));
            names[i] = Encode(path, entry.Name, "entry name");
        }
        return names;
    }

    private static long ComputeTotalLength(List<(byte[] Key, byte[] Value)> metadata, byte[][] names, IReadOnlyList<CheckpointEntry> entries)
    {
        long length = CheckpointFormat.HeaderLength + 4 + 4 + CheckpointFormat.TrailerLength;
        foreach (var (key, value) in metadata) length += 4 + key.Length + 4 + value.Length;
        for (int i = 0; i < entries.Count; i++)
            length += 4 + names[i].Length + 4 + 4L * entries[i].Shape.Length + 4L * entries[i].Data.Length;
        return length;
    }

    private static byte[] Encode(string path, string text, string what)
    {
        try
        {
            return CheckpointFormat.StrictUtf8.GetBytes(text);
        }
        catch (System.Text.EncoderFallbackException e)
        {
            throw new ArgumentException($"checkpoint {path}: {what} \"{text}\" is not valid Unicode (lone surrogate?)", e);
        }
    }
}
