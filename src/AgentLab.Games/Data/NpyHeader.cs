using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace AgentLab.Games.Data;

/// <summary>
/// The header of a .npy file: the magic string, a format version, the header length, then a Python dict literal
/// with exactly the keys 'descr', 'fortran_order' and 'shape'. Versions 1.0 (16-bit length) and 2.0
/// (32-bit length) are read, as is 3.0 (2.0 with a UTF-8 dict); version 1.0 is written.
/// </summary>
internal sealed record NpyHeader(string Descr, bool FortranOrder, long[] Shape)
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>numpy pads the header so the data starts on a 64-byte boundary, which keeps memory-mapping aligned.</summary>
    private const int Alignment = 64;

    public long ElementCount => Shape.Aggregate(1L, (product, size) => checked(product * size));

    public string ShapeText => Shape.Length == 1
        ? $"({Shape[0]},)"
        : $"({string.Join(", ", Shape.Select(size => size.ToString(CultureInfo.InvariantCulture)))})";

    /// <summary>Reads and validates the header, leaving the stream at the first data byte.</summary>
    /// <exception cref="DatasetException">Not a .npy file, or its header is malformed.</exception>
    public static NpyHeader Read(Stream stream, string path)
    {
        Span<byte> preamble = stackalloc byte[Magic.Length + 2];
        ReadExactly(stream, preamble, path);
        if (!preamble[..Magic.Length].SequenceEqual(Magic))
        {
            throw new DatasetException($"{path}: not a .npy file (it does not start with the \\x93NUMPY magic string).");
        }

        int major = preamble[Magic.Length];
        int minor = preamble[Magic.Length + 1];
        int lengthSize = (major, minor) switch
        {
            (1, 0) => 2,
            (2, 0) or (3, 0) => 4,
            _ => throw new DatasetException(
                $"{path}: unsupported .npy format version {major}.{minor}; expected 1.0, 2.0 or 3.0."),
        };

        Span<byte> lengthBytes = stackalloc byte[lengthSize];
        ReadExactly(stream, lengthBytes, path);
        long length = lengthSize == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes)
            : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        if (length > stream.Length - stream.Position)
        {
            throw new DatasetException($"{path}: truncated; the header says it is {length} bytes long but the file ends first.");
        }

        var dictBytes = new byte[length];
        ReadExactly(stream, dictBytes, path);
        var encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        return FromDictText(encoding.GetString(dictBytes), path);
    }

    /// <summary>Writes a version 1.0 header padded so the data that follows is 64-byte aligned.</summary>
    public void Write(Stream stream)
    {
        string fortran = FortranOrder ? "True" : "False";
        string dict = $"{{'descr': '{Descr}', 'fortran_order': {fortran}, 'shape': {ShapeText}, }}";
        int unpadded = Magic.Length + 2 + 2 + dict.Length + 1; // + 1 for the closing newline
        int padding = (Alignment - unpadded % Alignment) % Alignment;
        string text = dict + new string(' ', padding) + "\n";
        if (text.Length > ushort.MaxValue)
        {
            throw new InvalidOperationException("A .npy 1.0 header cannot exceed 65535 bytes.");
        }

        Span<byte> preamble = stackalloc byte[Magic.Length + 4];
        Magic.CopyTo(preamble);
        preamble[Magic.Length] = 1;
        preamble[Magic.Length + 1] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(preamble[(Magic.Length + 2)..], (ushort)text.Length);
        stream.Write(preamble);
        stream.Write(Encoding.Latin1.GetBytes(text));
    }

    private static NpyHeader FromDictText(string text, string path)
    {
        object literal;
        try
        {
            literal = PythonLiteral.Parse(text);
        }
        catch (FormatException e)
        {
            throw new DatasetException($"{path}: malformed .npy header ({e.Message}): {text.Trim()}", e);
        }

        if (literal is not Dictionary<string, object> dict)
        {
            throw Malformed(path, text, "it is not a dict");
        }

        var keys = dict.Keys.Order(StringComparer.Ordinal).ToArray();
        if (!keys.SequenceEqual(["descr", "fortran_order", "shape"]))
        {
            throw Malformed(path, text, "expected exactly the keys 'descr', 'fortran_order' and 'shape'");
        }

        if (dict["descr"] is not string descr)
        {
            // numpy writes a list here for structured (record) dtypes.
            throw new DatasetException($"{path}: structured dtype {Describe(dict["descr"])} is not supported; expected a plain numeric array.");
        }

        if (dict["fortran_order"] is not bool fortranOrder)
        {
            throw Malformed(path, text, "'fortran_order' must be True or False");
        }

        if (dict["shape"] is not PythonTuple shape || shape.Items.Any(size => size is not long n || n < 0))
        {
            throw Malformed(path, text, "'shape' must be a tuple of non-negative integers");
        }

        var header = new NpyHeader(descr, fortranOrder, shape.Items.Cast<long>().ToArray());
        try
        {
            _ = header.ElementCount;
        }
        catch (OverflowException e)
        {
            throw new DatasetException($"{path}: shape {header.ShapeText} has more elements than fit in 64 bits.", e);
        }

        return header;
    }

    private static string Describe(object value) => value is PythonList ? "(a list of fields)" : value.ToString() ?? "";

    private static DatasetException Malformed(string path, string text, string problem) =>
        new($"{path}: malformed .npy header, {problem}: {text.Trim()}");

    private static void ReadExactly(Stream stream, Span<byte> destination, string path)
    {
        try
        {
            stream.ReadExactly(destination);
        }
        catch (EndOfStreamException e)
        {
            throw new DatasetException($"{path}: truncated; the file ends inside the .npy header.", e);
        }
    }
}
