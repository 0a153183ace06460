using AgentLab.Sparse.SparseMap;

namespace AgentLab.Tests.Sparse.SparseMap;

/// <summary>
/// The fast indicator arithmetic (popcount overlaps, sparse dots) agrees with dense a_s and b_s built by
/// AddUnary/AddAdditional, and <see cref="BitConfiguration"/> behaves as a value.
/// </summary>
public class StructureIndicatorTests
{
    [Theory]
    [InlineData(TestProblems.KSubsetExact)]
    [InlineData(TestProblems.Budget)]
    [InlineData(TestProblems.SequenceAtMost)]
    public void Overlaps_and_dots_match_dense_indicators(string kind)
    {
        const int n = 5;
        var structure = TestProblems.Create(kind, n, n);
        var values = RandomScores.Normal(3, structure.UnaryCount);
        var pairValues = RandomScores.Normal(4, structure.AdditionalCount);
        var all = TestProblems.All(n).ToArray();
        foreach (var s in all)
        {
            double[] a = Dense(structure, s), b = DenseAdditional(structure, s);
            Expect.Close(TestProblems.Dot(a, values), structure.UnaryDot(s, values), 1e-14, 0, $"⟨a_{s}, v⟩");
            Expect.Close(TestProblems.Dot(b, pairValues), structure.AdditionalDot(s, pairValues), 1e-14, 0, $"⟨b_{s}, v⟩");
            foreach (var t in all) Assert.Equal(TestProblems.Dot(a, Dense(structure, t)), structure.UnaryOverlap(s, t));
        }
    }

    [Fact]
    public void Sequence_pairs_are_consecutive_on_on_pairs()
    {
        var structure = new SequenceBudget(6, 6);
        Assert.Equal(new double[] { 1, 1, 0, 0, 1 }, DenseAdditional(structure, BitConfiguration.Parse("111011")));
        Assert.Equal(new double[] { 0, 0, 0, 0, 0 }, DenseAdditional(structure, BitConfiguration.Parse("101010")));
    }

    [Fact]
    public void Configurations_are_values_across_word_boundaries()
    {
        string text = string.Concat(Enumerable.Range(0, 130).Select(i => i % 3 == 0 || i == 64 ? '1' : '0'));
        var z = BitConfiguration.Parse(text);
        Assert.Equal(text, z.ToString());
        Assert.Equal(text.Count(c => c == '1'), z.Count);
        Assert.True(z[64] && z[129] && !z[128]);
        Assert.Equal(z, BitConfiguration.FromBits(z.ToArray()));
        Assert.Equal(z.GetHashCode(), BitConfiguration.Parse(text).GetHashCode());
        var complement = BitConfiguration.Parse(string.Concat(text.Select(c => c == '1' ? '0' : '1')));
        Assert.Equal(0, z.Overlap(complement));
        Assert.Equal(0, z.Agreement(complement));
        Assert.Equal(130, z.Agreement(z));
        var ones = new List<int>();
        foreach (int i in BitConfiguration.Parse("1001001").Ones) ones.Add(i);
        Assert.Equal([0, 3, 6], ones);
        Assert.Throws<FormatException>(() => BitConfiguration.Parse("01x"));
        Assert.Throws<ArgumentException>(() => z.Overlap(BitConfiguration.Parse("1")));
    }

    private static double[] Dense(IStructure structure, BitConfiguration s)
    {
        var a = new double[structure.UnaryCount];
        structure.AddUnary(s, 1, a);
        return a;
    }

    private static double[] DenseAdditional(IStructure structure, BitConfiguration s)
    {
        var b = new double[structure.AdditionalCount];
        structure.AddAdditional(s, 1, b);
        return b;
    }
}
