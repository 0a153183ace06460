using System.Buffers.Binary;
using System.Text;

namespace AgentLab.Games.Tests.Data;

/// <summary>
/// The numpy-written fixtures under data/npy (see make_npy_fixtures.py), and hand-built .npy bytes
/// for the broken files numpy itself would never write.
/// </summary>
internal static class NpyTestFiles
{
    /// <summary>The 3x4 matrix in every f4_3x4*.npy fixture: (arange(12) - 5) / 7 in float32.</summary>
    public static float[] Matrix3x4 { get; } = Enumerable.Range(0, 12).Select(i => (i - 5f) / 7f).ToArray();

    public static readonly int[] Labels = [0, 9, 3, 7, 1];

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "data", "npy", name);

    /// <summary>A .npy file with the given header text (a dict literal) and data bytes, version major.0.</summary>
    public static byte[] Build(string dictText, byte[] data, byte major = 1)
    {
        var dict = Encoding.Latin1.GetBytes(dictText + "\n");
        int lengthSize = major == 1 ? 2 : 4;
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', major, 0 };
        var length = new byte[lengthSize];
        if (lengthSize == 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)dict.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)dict.Length);
        }

        bytes.AddRange(length);
        bytes.AddRange(dict);
        bytes.AddRange(data);
        return [.. bytes];
    }

    public static byte[] Float32Bytes(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        }

        return bytes;
    }
}
