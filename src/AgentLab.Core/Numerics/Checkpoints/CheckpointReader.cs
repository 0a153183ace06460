using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace AgentLab.Numerics;

/// <summary>
/// Reads the <see cref="CheckpointFormat"/> layout in two passes over one open handle: first
/// the whole-file checksum, then the parse. Checking first means a corrupt file is reported as
/// corrupt rather than as whatever nonsense its flipped bits happen to spell; streaming keeps
/// memory at one copy of the data.
/// </summary>
internal static class CheckpointReader
{
    private const int ChunkSize = 1 << 20;

    public static Checkpoint Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
            return Read(path, stream);
        }
        catch (FileNotFoundException e)
        {
            throw new CheckpointException(path, CheckpointErrorKind.NotFound, "does not exist", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new CheckpointException(path, CheckpointErrorKind.NotFound, "does not exist (no such directory)", e);
        }
        catch (EndOfStreamException e)
        {
            // Only possible if the file shrank after we measured it.
            throw new CheckpointException(path, CheckpointErrorKind.Truncated, "truncated (the file shrank while being read)", e);
        }
        catch (IOException e)
        {
            throw new CheckpointException(path, CheckpointErrorKind.Io, $"cannot read ({e.Message})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CheckpointException(path, CheckpointErrorKind.Io, $"cannot read ({e.Message})", e);
        }
    }

    private static Checkpoint Read(string path, FileStream stream)
    {
        long fileLength = stream.Length;
        long declaredLength = ReadAndCheckHeader(path, stream, fileLength);
        VerifyChecksum(path, stream, declaredLength);

        stream.Position = CheckpointFormat.HeaderLength;
        var body = new CheckpointBodyReader(stream, path, CheckpointFormat.HeaderLength, declaredLength - CheckpointFormat.TrailerLength);
        var metadata = ReadMetadata(body);
        var entries = ReadEntries(body);
        if (body.Remaining != 0)
            throw body.Malformed($"{body.Remaining} unread bytes between the last entry and the trailer");

        Span<byte> trailerLength = stackalloc byte[8];
        stream.ReadExactly(trailerLength);
        if (BinaryPrimitives.ReadUInt64LittleEndian(trailerLength) != (ulong)declaredLength)
            throw body.Malformed("the trailer length differs from the header length");

        return new Checkpoint(path, CheckpointFormat.CurrentVersion, metadata, entries);
    }

    /// <summary>Checks magic, version and header checksum; returns the declared file length, which matches the real one.</summary>
    private static long ReadAndCheckHeader(string path, Stream stream, long fileLength)
    {
        Span<byte> header = stackalloc byte[CheckpointFormat.HeaderLength];
        int available = (int)Math.Min(fileLength, header.Length);
        header = header[..available];
        stream.ReadExactly(header);

        var magic = CheckpointFormat.Magic;
        int comparable = Math.Min(available, magic.Length);
        if (!header[..comparable].SequenceEqual(magic[..comparable]))
            throw new CheckpointException(path, CheckpointErrorKind.BadMagic,
                $"not a checkpoint (starts with bytes {Convert.ToHexString(header[..comparable])}, expected \"{Encoding.ASCII.GetString(magic)}\")");

        string tooShort = $"truncated (read {fileLength} of at least {CheckpointFormat.MinimumFileLength} bytes)";
        if (available < CheckpointFormat.LengthOffset)
            throw new CheckpointException(path, CheckpointErrorKind.Truncated, tooShort);

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[CheckpointFormat.VersionOffset..]);
        if (version != CheckpointFormat.CurrentVersion)
            throw new CheckpointException(path, CheckpointErrorKind.UnsupportedVersion,
                $"unsupported format version {version} (this build reads version {CheckpointFormat.CurrentVersion})");

        if (available < CheckpointFormat.HeaderLength)
            throw new CheckpointException(path, CheckpointErrorKind.Truncated, tooShort);

        uint storedHeaderCrc = BinaryPrimitives.ReadUInt32LittleEndian(header[CheckpointFormat.HeaderChecksumOffset..]);
        uint actualHeaderCrc = Crc32C.Compute(header[..CheckpointFormat.HeaderChecksumOffset]);
        if (storedHeaderCrc != actualHeaderCrc)
            throw new CheckpointException(path, CheckpointErrorKind.ChecksumMismatch,
                $"checksum mismatch in header (file is corrupt; expected 0x{storedHeaderCrc:X8}, got 0x{actualHeaderCrc:X8})");

        ulong declaredLength = BinaryPrimitives.ReadUInt64LittleEndian(header[CheckpointFormat.LengthOffset..]);
        if (declaredLength < CheckpointFormat.MinimumFileLength)
            throw new CheckpointException(path, CheckpointErrorKind.Malformed,
                $"malformed (header declares {declaredLength} bytes, less than the minimum {CheckpointFormat.MinimumFileLength})");
        if ((ulong)fileLength < declaredLength)
            throw new CheckpointException(path, CheckpointErrorKind.Truncated, $"truncated (read {fileLength} of {declaredLength} bytes)");
        if ((ulong)fileLength > declaredLength)
            throw new CheckpointException(path, CheckpointErrorKind.Malformed,
                $"malformed ({(ulong)fileLength - declaredLength} unexpected bytes after the declared end at {declaredLength} bytes)");
        return (long)declaredLength;
    }

    private static void VerifyChecksum(string path, Stream stream, long length)
    {
        stream.Position = 0;
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            uint actual = 0;
            for (long remaining = length - 4; remaining > 0;)
            {
                int size = (int)Math.Min(remaining, ChunkSize);
                stream.ReadExactly(chunk, 0, size);
                actual = Crc32C.Append(actual, chunk.AsSpan(0, size));
                remaining -= size;
            }
            stream.ReadExactly(chunk, 0, 4);
            uint stored = BinaryPrimitives.ReadUInt32LittleEndian(chunk);
            if (stored != actual)
                throw new CheckpointException(path, CheckpointErrorKind.ChecksumMismatch,
                    $"checksum mismatch (file is corrupt; expected 0x{stored:X8}, got 0x{actual:X8})");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static Dictionary<string, string> ReadMetadata(CheckpointBodyReader body)
    {
        uint count = body.ReadUInt32("metadata count");
        body.Require(8L * count, $"{count} metadata pairs"); // each pair has two length prefixes
        var metadata = new Dictionary<string, string>((int)count, StringComparer.Ordinal);
        for (uint i = 0; i < count; i++)
        {
            string key = body.ReadString("metadata key");
            string value = body.ReadString($"metadata value for \"{key}\"");
            if (!metadata.TryAdd(key, value))
                throw body.Malformed($"metadata key \"{key}\" appears twice");
        }
        return metadata;
    }

    private static List<CheckpointEntry> ReadEntries(CheckpointBodyReader body)
    {
        uint count = body.ReadUInt32("entry count");
        body.Require(8L * count, $"{count} entries"); // each entry has a name length and a rank
        var entries = new List<CheckpointEntry>((int)count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (uint i = 0; i < count; i++)
        {
            string name = body.ReadString("entry name");
            if (!names.Add(name))
                throw body.Malformed($"entry \"{name}\" appears twice");
            uint rank = body.ReadUInt32($"rank of entry \"{name}\"");
            body.Require(4L * rank, $"dimensions of entry \"{name}\"");
            var shape = new int[rank];
            for (int d = 0; d < shape.Length; d++) shape[d] = body.ReadInt32($"dimension {d} of entry \"{name}\"");
            long elementCount = ShapeText.ElementCount(shape);
            if (elementCount < 0)
                throw body.Malformed($"entry \"{name}\" has invalid shape {ShapeOf.Format(shape)}");
            entries.Add(new CheckpointEntry(name, shape, body.ReadFloats(elementCount, $"data of entry \"{name}\"")));
        }
        return entries;
    }
}
