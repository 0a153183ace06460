using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace AgentLab.Numerics;

/// <summary>
/// Writes little-endian values to a stream while keeping a running CRC-32C and byte count, so
/// the checkpoint writer never has to read its own output back.
/// </summary>
internal sealed class ChecksummingWriter(Stream stream)
{
    /// <summary>Bytes written so far.</summary>
    public long Position { get; private set; }

    /// <summary>CRC-32C of every byte written so far.</summary>
    public uint Checksum { get; private set; }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        stream.Write(bytes);
        Checksum = Crc32C.Append(Checksum, bytes);
        Position += bytes.Length;
    }

    public void WriteUInt32(uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        WriteBytes(buffer);
    }

    public void WriteInt32(int value) => WriteUInt32((uint)value);

    public void WriteUInt64(ulong value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
        WriteBytes(buffer);
    }

    /// <summary>A length-prefixed byte string (the caller has already UTF-8 encoded it).</summary>
    public void WriteString(byte[] utf8)
    {
        WriteUInt32((uint)utf8.Length);
        WriteBytes(utf8);
    }

    /// <summary>Float bits exactly as they are in memory (NaN payloads included), little-endian.</summary>
    public void WriteFloats(ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            WriteBytes(MemoryMarshal.AsBytes(values));
            return;
        }
        Span<byte> buffer = stackalloc byte[4];
        foreach (float value in values)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer, BitConverter.SingleToInt32Bits(value));
            WriteBytes(buffer);
        }
    }
}
