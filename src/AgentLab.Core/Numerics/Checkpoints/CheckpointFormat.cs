using System.Text;

namespace AgentLab.Numerics;

/// <summary>
/// The checkpoint file layout, version 1. All integers and floats are little-endian.
/// <code>
/// offset  size  field
/// 0       7     magic "AGLCKPT" (ASCII)
/// 7       4     format version, uint32 (= 1)
/// 11      8     total file length in bytes, uint64
/// 19      4     CRC-32C of bytes [0, 19): guards the length, so a length that disagrees
///               with the file size reliably means truncation rather than a flipped bit
/// 23      ...   body:
///                 uint32 metadata count, then per pair: key string, value string
///                   (sorted by key, ordinal, so equal inputs give identical files)
///                 uint32 entry count, then per entry:
///                   name string, uint32 rank, int32 dims[rank], float32 data[product(dims)]
///               where string = uint32 byte count + UTF-8 bytes
/// end-12  8     total file length again, uint64 (the trailer proves we reached the real end)
/// end-4   4     CRC-32C of every byte before it
/// </code>
/// Data is stored bit for bit, so NaN payloads and negative zeros survive a round trip.
/// </summary>
internal static class CheckpointFormat
{
    public static ReadOnlySpan<byte> Magic => "AGLCKPT"u8;

    public const uint CurrentVersion = 1;

    public const int VersionOffset = 7;
    public const int LengthOffset = 11;
    public const int HeaderChecksumOffset = 19;
    public const int HeaderLength = 23;
    public const int TrailerLength = 12;
    public const int MinimumFileLength = HeaderLength + 4 + 4 + TrailerLength;

    /// <summary>UTF-8 that refuses to silently replace invalid text, so what we write is what we read.</summary>
    public static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
