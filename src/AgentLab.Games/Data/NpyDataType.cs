namespace AgentLab.Games.Data;

/// <summary>
/// A simple numpy dtype as spelled in a .npy header's 'descr', e.g. '&lt;f4': byte order, kind, item size.
/// </summary>
internal sealed record NpyDataType(char ByteOrder, char Kind, int ItemSize)
{
    public static readonly NpyDataType Float32 = new('<', 'f', 4);
    public static readonly NpyDataType Float64 = new('<', 'f', 8);
    public static readonly NpyDataType Int32 = new('<', 'i', 4);
    public static readonly NpyDataType Int64 = new('<', 'i', 8);
    public static readonly NpyDataType UInt8 = new('|', 'u', 1);

    /// <summary>The descr as numpy writes it, e.g. '&lt;f4' or '|u1'.</summary>
    public string Descr => $"{ByteOrder}{Kind}{ItemSize}";

    /// <summary>
    /// True if the bytes on disk are the most significant first. Single-byte types have no byte order;
    /// '=' means the writer's native order, which for every platform numpy and .NET share is little-endian.
    /// </summary>
    public bool IsBigEndian => ItemSize > 1 && ByteOrder == '>';

    /// <summary>Same kind and size, ignoring how the byte order was spelled ('&lt;', '=', '|').</summary>
    public bool Matches(NpyDataType other) =>
        Kind == other.Kind && ItemSize == other.ItemSize && IsBigEndian == other.IsBigEndian;

    /// <summary>Parses descrs like '&lt;f8', '|u1', '&gt;i4'; null when the text is not a simple dtype.</summary>
    public static NpyDataType? TryParse(string descr)
    {
        if (descr.Length < 3 || descr[0] is not ('<' or '>' or '|' or '=') || !char.IsAsciiLetter(descr[1]))
        {
            return null;
        }

        return int.TryParse(descr.AsSpan(2), out int size) && size > 0 ? new NpyDataType(descr[0], descr[1], size) : null;
    }

    public override string ToString() => Descr;
}
