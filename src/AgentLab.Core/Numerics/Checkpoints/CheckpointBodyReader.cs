using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace AgentLab.Numerics;

/// <summary>
/// Reads little-endian values from the checkpoint body and refuses to read past the trailer.
/// Runs only after the checksum has been verified, so a failure here means the writer was buggy
/// or the file came from elsewhere; every count is checked against the bytes that remain, so a
/// bad count can never trigger a huge allocation.
/// </summary>
internal sealed class CheckpointBodyReader(Stream stream, string path, long start, long end)
{
    private long _position = start;

    public long Remaining => end - _position;

    public uint ReadUInt32(string what)
    {
        Span<byte> buffer = stackalloc byte[4];
        ReadExactly(buffer, what);
        return BinaryPrimitives.ReadUInt32LittleEndian(buffer);
    }

    public int ReadInt32(string what) => (int)ReadUInt32(what);

    public string ReadString(string what)
    {
        uint length = ReadUInt32($"length of {what}");
        Require(length, what);
        var bytes = new byte[length];
        ReadExactly(bytes, what);
        try
        {
            return CheckpointFormat.StrictUtf8.GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw new CheckpointException(path, CheckpointErrorKind.Malformed, $"{what} is not valid UTF-8", e);
        }
    }

    public float[] ReadFloats(long count, string what)
    {
        if (count > Array.MaxLength)
            throw Malformed($"{what} has {count} elements, more than one array can hold");
        Require(4 * count, what);
        var values = new float[count];
        ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()), what);
        if (!BitConverter.IsLittleEndian)
        {
            var bits = MemoryMarshal.Cast<float, int>(values.AsSpan());
            BinaryPrimitives.ReverseEndianness(bits, bits);
        }
        return values;
    }

    /// <summary>Throws unless <paramref name="bytes"/> more bytes remain before the trailer.</summary>
    public void Require(long bytes, string what)
    {
        if (bytes > Remaining)
            throw Malformed($"{what} at offset {_position} needs {bytes} bytes but only {Remaining} remain before the trailer");
    }

    public CheckpointException Malformed(string problem) =>
        new(path, CheckpointErrorKind.Malformed, $"malformed ({problem})");

    private void ReadExactly(Span<byte> buffer, string what)
    {
        Require(buffer.Length, what);
        stream.ReadExactly(buffer);
        _position += buffer.Length;
    }
}
