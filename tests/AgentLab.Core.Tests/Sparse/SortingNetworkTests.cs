using AgentLab.Sparse;

namespace AgentLab.Tests.Sparse;

public class SortingNetworkTests
{
    [Fact]
    public void Sorts_every_length_up_to_two_registers_descending_with_ties()
    {
        if (!SortingNetwork.IsSupported) return; // the maps fall back to the insertion sort, tested through them
        var random = new Random(31);
        for (int trial = 0; trial < 2000; trial++)
        {
            int n = trial % (SortingNetwork.MaxLength + 1);
            // Coarse values give many ties; every eighth trial also has -Infinity and zeros.
            float[] values = Enumerable.Range(0, n)
                .Select(_ => trial % 8 == 0 && random.Next(4) == 0 ? float.NegativeInfinity : MathF.Round((float)random.NextDouble() * 6f - 5f))
                .ToArray();
            float[] expected = values.OrderByDescending(v => v).ToArray();
            SortingNetwork.Sort(values);
            Assert.Equal(expected, values);
        }
    }

    [Fact]
    public void Rejects_more_values_than_it_holds()
    {
        if (!SortingNetwork.IsSupported) return;
        Assert.Throws<ArgumentException>(() => SortingNetwork.Sort(new float[SortingNetwork.MaxLength + 1]));
    }
}
