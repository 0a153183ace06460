using System.Buffers.Binary;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace AgentLab.Numerics;

/// <summary>
/// CRC-32C (Castagnoli polynomial 0x1EDC6F41, reflected 0x82F63B78; initial value and final
/// xor 0xFFFFFFFF), as used by iSCSI, ext4 and SSE4.2. Check value: CRC-32C("123456789") =
/// 0xE3069283. We chose it over CRC-32 (zlib) because x64 and ARM64 compute it in hardware, and
/// over a 64-bit hash because a checkpoint only needs to detect accidental corruption.
/// Uses the CPU instruction when available and a byte-wise table otherwise; both give the same
/// result.
/// </summary>
internal static class Crc32C
{
    private const uint ReflectedPolynomial = 0x82F63B78;
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// Extends a finished CRC with more data: <c>Append(Compute(a), b) == Compute(a + b)</c>,
    /// so a file can be checksummed while it is streamed.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint register = ~crc;
        if (Sse42.X64.IsSupported)
        {
            while (data.Length >= 8)
            {
                register = (uint)Sse42.X64.Crc32(register, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
            foreach (byte b in data) register = Sse42.Crc32(register, b);
            return ~register;
        }
        if (Crc32.Arm64.IsSupported)
        {
            while (data.Length >= 8)
            {
                register = Crc32.Arm64.ComputeCrc32C(register, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
            foreach (byte b in data) register = Crc32.ComputeCrc32C(register, b);
            return ~register;
        }
        return ~UpdateWithTable(register, data);
    }

    /// <summary>The portable path on its own, so tests can check it against the hardware path.</summary>
    internal static uint AppendWithTable(uint crc, ReadOnlySpan<byte> data) => ~UpdateWithTable(~crc, data);

    private static uint UpdateWithTable(uint register, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
            register = Table[(register ^ b) & 0xFF] ^ (register >> 8);
        return register;
    }

    // Entry i is the register after shifting byte i through the reflected polynomial.
    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint value = i;
            for (int bit = 0; bit < 8; bit++)
                value = (value & 1) != 0 ? (value >> 1) ^ ReflectedPolynomial : value >> 1;
            table[i] = value;
        }
        return table;
    }
}
