using System.Buffers.Binary;
using System.IO.Compression;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace AgentLab.Games.Data;

/// <summary>
/// Reads the IDX format of the (Fashion-)MNIST files: a big-endian magic number
/// (0x00 0x00, element type, number of dimensions), one big-endian int32 per dimension, then the raw elements.
/// Files may be gzip-compressed or plain; compression is detected from the content, not the file name.
/// </summary>
internal static class IdxFile
{
    /// <summary>Element type code for unsigned bytes, the only type the MNIST family uses.</summary>
    private const byte UnsignedByteType = 0x08;

    private static readonly byte[] GzipSignature = [0x1f, 0x8b];

    /// <summary>
    /// Deflate cannot compress better than about 1032:1, so a gzip file can never hold more than this
    /// many bytes per compressed byte. Used to reject absurd header sizes before allocating for them.
    /// </summary>
    private const long MaxGzipExpansion = 1032;

    /// <summary>
    /// Reads a rank-3 file of images (count x rows x columns) as float32 rows scaled to [0,1].
    /// </summary>
    public static FeatureMatrix ReadImages(string path, int expectedRows, int expectedColumns)
    {
        using var stream = OpenDecompressed(path, out long maxLength);
        var dims = ReadHeader(stream, path, expectedRank: 3, what: "images", maxLength);
        if (dims[1] != expectedRows || dims[2] != expectedColumns)
        {
            throw new DatasetException(
                $"{path}: images are {dims[1]}x{dims[2]} pixels, expected {expectedRows}x{expectedColumns}.");
        }

        int count = dims[0];
        int pixelsPerImage = expectedRows * expectedColumns;
        var values = new float[(long)count * pixelsPerImage];

        // Decode in blocks so the raw bytes never need a second full-size buffer.
        const int imagesPerBlock = 1024;
        var block = new byte[imagesPerBlock * pixelsPerImage];
        for (int first = 0; first < count; first += imagesPerBlock)
        {
            int images = Math.Min(imagesPerBlock, count - first);
            var raw = block.AsSpan(0, images * pixelsPerImage);
            ReadPayload(stream, raw, path, $"{count} images of {expectedRows}x{expectedColumns} bytes");

            var target = values.AsSpan(first * pixelsPerImage, raw.Length);
            TensorPrimitives.ConvertChecked<byte, float>(raw, target);
            TensorPrimitives.Divide(target, 255f, target);
        }

        EnsureNoTrailingData(stream, path, $"{count} images");
        return new FeatureMatrix(count, pixelsPerImage, values);
    }

    /// <summary>Reads a rank-1 file of byte labels.</summary>
    public static byte[] ReadLabels(string path)
    {
        using var stream = OpenDecompressed(path, out long maxLength);
        var dims = ReadHeader(stream, path, expectedRank: 1, what: "labels", maxLength);
        var labels = new byte[dims[0]];
        ReadPayload(stream, labels, path, $"{labels.Length} labels");
        EnsureNoTrailingData(stream, path, $"{labels.Length} labels");
        return labels;
    }

    /// <param name="maxLength">An upper bound on the decompressed length (exact for plain files).</param>
    private static Stream OpenDecompressed(string path, out long maxLength)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"{path}: cannot be opened ({e.Message}).", e);
        }

        try
        {
            Span<byte> signature = stackalloc byte[2];
            int read = file.ReadAtLeast(signature, signature.Length, throwOnEndOfStream: false);
            file.Position = 0;
            bool gzipped = read == 2 && signature.SequenceEqual(GzipSignature);
            maxLength = gzipped ? file.Length * MaxGzipExpansion : file.Length;
            return gzipped ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: false) : file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static int[] ReadHeader(Stream stream, string path, int expectedRank, string what, long maxLength)
    {
        Span<byte> magic = stackalloc byte[4];
        ReadPayload(stream, magic, path, "the 4-byte IDX magic number");
        uint expectedMagic = (uint)(UnsignedByteType << 8 | expectedRank);
        uint actualMagic = BinaryPrimitives.ReadUInt32BigEndian(magic);
        if (actualMagic != expectedMagic)
        {
            throw new DatasetException(
                $"{path}: bad magic number 0x{actualMagic:X8}, expected 0x{expectedMagic:X8} " +
                $"(IDX file of unsigned bytes with {expectedRank} dimension(s), as used for {what}).");
        }

        var dims = new int[expectedRank];
        Span<byte> dim = stackalloc byte[4];
        for (int i = 0; i < expectedRank; i++)
        {
            ReadPayload(stream, dim, path, $"the {expectedRank} dimension sizes of the header");
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(dim);
            if (dims[i] < 0)
            {
                throw new DatasetException($"{path}: dimension {i} has negative size {dims[i]}.");
            }
        }

        long elements = dims.Aggregate(1L, (product, size) => product * size);
        if (elements > Array.MaxLength)
        {
            throw new DatasetException($"{path}: header declares {elements} elements, more than one array can hold.");
        }

        long headerLength = 4L + 4L * expectedRank;
        if (headerLength + elements > maxLength)
        {
            throw new DatasetException(
                $"{path}: truncated; the header declares {elements} bytes of {what} but the file cannot hold that many.");
        }

        return dims;
    }

    private static void ReadPayload(Stream stream, Span<byte> destination, string path, string expected)
    {
        try
        {
            stream.ReadExactly(destination);
        }
        catch (EndOfStreamException e)
        {
            throw new DatasetException($"{path}: truncated; the file ends before {expected} could be read.", e);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException($"{path}: corrupt gzip data ({e.Message}).", e);
        }
    }

    private static void EnsureNoTrailingData(Stream stream, string path, string declared)
    {
        int next;
        try
        {
            next = stream.ReadByte();
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException($"{path}: corrupt gzip data after the {declared} ({e.Message}).", e);
        }

        if (next >= 0)
        {
            throw new DatasetException(
                $"{path}: more data than the header declares ({declared}); the header or the file is wrong.");
        }
    }
}
