using System.Buffers.Binary;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Runtime.InteropServices;

namespace AgentLab.Games.Data;

/// <summary>
/// Reads and writes numpy's .npy files for the two shapes the games exchange with Python tooling:
/// 2-D feature matrices (float32, or float64 converted to float32) and 1-D integer label vectors.
/// Only C-order, little-endian data is accepted; anything else is rejected with a message that names
/// the file, what it holds and what was expected, rather than being silently reinterpreted.
/// </summary>
public static class NpyFile
{
    private const string MatrixExpectation = "expected a 2-D C-order float32 ('<f4') or float64 ('<f8') array";
    private const string LabelsExpectation = "expected a 1-D integer label array of int32 ('<i4'), int64 ('<i8') or uint8 ('|u1')";

    /// <summary>Converting float64 data this many values at a time bounds the temporary buffer.</summary>
    private const int ConversionBlock = 1 << 16;

    /// <summary>Reads a 2-D float32 or float64 array as a float32 row-major matrix.</summary>
    /// <exception cref="DatasetException">Missing, malformed, or not a 2-D C-order little-endian float array.</exception>
    public static FeatureMatrix ReadMatrix(string path)
    {
        using var stream = OpenForReading(path);
        var header = NpyHeader.Read(stream, path);
        var type = RequireType(header, path, MatrixExpectation, NpyDataType.Float32, NpyDataType.Float64);
        RequireRank(header, 2, path, MatrixExpectation);

        int rows = ToInt32(header.Shape[0], path, "rows");
        int columns = ToInt32(header.Shape[1], path, "columns");
        if ((long)rows * columns > Array.MaxLength)
        {
            throw new DatasetException($"{path}: shape {header.ShapeText} has more values than one array can hold.");
        }

        RequireDataLength(stream, header, type, path);
        var values = new float[rows * columns];
        if (type.ItemSize == 4)
        {
            ReadLittleEndian(stream, MemoryMarshal.Cast<float, int>(values.AsSpan()), path);
        }
        else
        {
            ReadFloat64AsFloat32(stream, values, path);
        }

        return new FeatureMatrix(rows, columns, values);
    }

    /// <summary>Reads a 1-D int32, int64 or uint8 array of class labels.</summary>
    /// <exception cref="DatasetException">
    /// Missing, malformed, not a 1-D C-order little-endian integer array of a supported type,
    /// or a label that is negative or does not fit in an int.
    /// </exception>
    public static int[] ReadLabels(string path)
    {
        using var stream = OpenForReading(path);
        var header = NpyHeader.Read(stream, path);
        var type = RequireType(header, path, LabelsExpectation, NpyDataType.Int32, NpyDataType.Int64, NpyDataType.UInt8);
        RequireRank(header, 1, path, LabelsExpectation);
        int count = ToInt32(header.Shape[0], path, "labels");
        RequireDataLength(stream, header, type, path);

        var labels = new int[count];
        if (type.ItemSize == 1)
        {
            var bytes = new byte[count];
            ReadAll(stream, bytes, path);
            TensorPrimitives.ConvertChecked<byte, int>(bytes, labels);
        }
        else if (type.ItemSize == 4)
        {
            ReadLittleEndian(stream, labels.AsSpan(), path);
        }
        else
        {
            var wide = new long[count];
            ReadLittleEndian(stream, wide.AsSpan(), path);
            int tooBig = Array.FindIndex(wide, label => label > int.MaxValue || label < int.MinValue);
            if (tooBig >= 0)
            {
                throw new DatasetException($"{path}: label {wide[tooBig]} at index {tooBig} does not fit in a 32-bit int.");
            }

            TensorPrimitives.ConvertTruncating<long, int>(wide, labels);
        }

        int negative = Array.FindIndex(labels, label => label < 0);
        if (negative >= 0)
        {
            throw new DatasetException($"{path}: label {labels[negative]} at index {negative} is negative; labels are class indices.");
        }

        return labels;
    }

    /// <summary>Writes a float32 matrix as a version 1.0, C-order, little-endian .npy file (replacing any file there).</summary>
    public static void WriteMatrix(string path, FeatureMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(matrix);

        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        new NpyHeader(NpyDataType.Float32.Descr, FortranOrder: false, [matrix.Rows, matrix.Columns]).Write(stream);
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(matrix.Values.AsSpan()));
            return;
        }

        var swapped = new int[matrix.Values.Length];
        BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<float, int>(matrix.Values.AsSpan()), swapped);
        stream.Write(MemoryMarshal.AsBytes(swapped.AsSpan()));
    }

    /// <summary>Writes 1-D int32 labels as a version 1.0, little-endian .npy file (replacing any file there).</summary>
    public static void WriteLabels(string path, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(labels);

        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        new NpyHeader(NpyDataType.Int32.Descr, FortranOrder: false, [labels.Length]).Write(stream);
        var data = labels;
        if (!BitConverter.IsLittleEndian)
        {
            data = new int[labels.Length];
            BinaryPrimitives.ReverseEndianness(labels, data);
        }
        stream.Write(MemoryMarshal.AsBytes(data.AsSpan()));
    }

    private static FileStream OpenForReading(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DatasetException($"{path}: file not found.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"{path}: cannot be opened ({e.Message}).", e);
        }
    }

    private static NpyDataType RequireType(NpyHeader header, string path, string expectation, params NpyDataType[] accepted)
    {
        var type = NpyDataType.TryParse(header.Descr);
        if (type is not null && type.IsBigEndian && accepted.Any(a => a.Kind == type.Kind && a.ItemSize == type.ItemSize))
        {
            throw new DatasetException(
                $"{path}: dtype '{header.Descr}' is big-endian, but little-endian data is needed: {expectation} " +
                "(convert with arr.astype(arr.dtype.newbyteorder('<'))).");
        }

        if (type is null || !accepted.Any(type.Matches))
        {
            throw new DatasetException($"{path}: dtype '{header.Descr}' is not supported; {expectation}.");
        }

        if (header.FortranOrder)
        {
            throw new DatasetException(
                $"{path}: array is stored in Fortran (column-major) order; {expectation} " +
                "(save np.ascontiguousarray(arr) instead).");
        }

        return type;
    }

    private static void RequireRank(NpyHeader header, int rank, string path, string expectation)
    {
        if (header.Shape.Length != rank)
        {
            throw new DatasetException(
                $"{path}: array has {header.Shape.Length} dimension(s), shape {header.ShapeText}; {expectation}.");
        }
    }

    private static int ToInt32(long size, string path, string what) => size <= int.MaxValue
        ? (int)size
        : throw new DatasetException($"{path}: {size} {what} is more than this reader supports ({int.MaxValue}).");

    private static void RequireDataLength(Stream stream, NpyHeader header, NpyDataType type, string path)
    {
        long expected = header.ElementCount * type.ItemSize;
        long actual = stream.Length - stream.Position;
        if (actual < expected)
        {
            throw new DatasetException(
                $"{path}: truncated; shape {header.ShapeText} of '{header.Descr}' needs {expected} data bytes " +
                $"but only {actual} follow the header.");
        }

        if (actual > expected)
        {
            throw new DatasetException(
                $"{path}: {actual - expected} unexpected bytes after the {expected} data bytes " +
                $"of shape {header.ShapeText} of '{header.Descr}'.");
        }
    }

    private static void ReadLittleEndian(Stream stream, Span<int> destination, string path)
    {
        ReadAll(stream, MemoryMarshal.AsBytes(destination), path);
        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(destination, destination);
        }
    }

    private static void ReadLittleEndian(Stream stream, Span<long> destination, string path)
    {
        ReadAll(stream, MemoryMarshal.AsBytes(destination), path);
        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(destination, destination);
        }
    }

    private static void ReadFloat64AsFloat32(Stream stream, float[] values, string path)
    {
        var block = new double[Math.Min(ConversionBlock, values.Length)];
        for (int start = 0; start < values.Length; start += block.Length)
        {
            var chunk = block.AsSpan(0, Math.Min(block.Length, values.Length - start));
            ReadLittleEndian(stream, MemoryMarshal.Cast<double, long>(chunk), path);

            // Rounds to the nearest float32, as numpy's astype(np.float32) does.
            TensorPrimitives.ConvertChecked<double, float>(chunk, values.AsSpan(start, chunk.Length));
        }
    }

    private static void ReadAll(Stream stream, Span<byte> destination, string path)
    {
        try
        {
            stream.ReadExactly(destination);
        }
        catch (EndOfStreamException e)
        {
            throw new DatasetException($"{path}: truncated; the file ends inside the array data.", e);
        }
    }
}
