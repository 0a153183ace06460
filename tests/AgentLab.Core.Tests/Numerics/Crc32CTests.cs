using System.Text;
using AgentLab.Numerics;

namespace AgentLab.Tests.Numerics;

public class Crc32CTests
{
    [Fact]
    public void MatchesStandardCheckValue()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, Crc32C.Compute([]));
    }

    [Fact]
    public void MatchesRfc3720TestVectors()
    {
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
    }

    [Fact]
    public void HardwareAndTablePathsAgree_AndAppendingEqualsOneShot()
    {
        var rng = new Rng(7);
        var data = new byte[300];
        foreach (ref byte b in data.AsSpan()) b = (byte)rng.NextInt(256);
        for (int length = 0; length < data.Length; length += 7)
        {
            var slice = data.AsSpan(0, length);
            uint oneShot = Crc32C.Compute(slice);
            Assert.Equal(oneShot, Crc32C.AppendWithTable(0, slice));
            int split = length / 3;
            Assert.Equal(oneShot, Crc32C.Append(Crc32C.Compute(slice[..split]), slice[split..]));
        }
    }
}
