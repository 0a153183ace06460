using System.Buffers.Binary;
using System.IO.Compression;

namespace AgentLab.Games.Tests.Data;

/// <summary>Builds small IDX files byte by byte, so tests control every field, including broken ones.</summary>
internal static class IdxTestFiles
{
    public const uint ImagesMagic = 0x00000803;
    public const uint LabelsMagic = 0x00000801;

    public static byte[] Build(uint magic, int[] dims, byte[] payload)
    {
        var bytes = new byte[4 + 4 * dims.Length + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, magic);
        for (int i = 0; i < dims.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        }

        payload.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    public static byte[] Images(int count, int rows, int columns, Func<int, int, byte> pixel)
    {
        var payload = new byte[count * rows * columns];
        for (int image = 0; image < count; image++)
        {
            for (int p = 0; p < rows * columns; p++)
            {
                payload[image * rows * columns + p] = pixel(image, p);
            }
        }

        return Build(ImagesMagic, [count, rows, columns], payload);
    }

    public static byte[] Labels(params byte[] labels) => Build(LabelsMagic, [labels.Length], labels);

    public static void Write(string path, byte[] bytes, bool gzip)
    {
        if (!gzip)
        {
            System.IO.File.WriteAllBytes(path, bytes);
            return;
        }

        using var file = System.IO.File.Create(path);
        using var compressor = new GZipStream(file, CompressionLevel.Fastest);
        compressor.Write(bytes);
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var memory = new MemoryStream();
        using (var compressor = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        {
            compressor.Write(bytes);
        }

        return memory.ToArray();
    }
}
