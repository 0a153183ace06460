using AgentLab.Games.Retrieval;

namespace AgentLab.Games.Tests.Retrieval;

public class TorchRandpermTests
{
    [Fact]
    public void TheMersenneTwisterIsTheStandardOne()
    {
        // The C++ standard's check of std::mt19937: the 10000th output from the default seed 5489.
        var generator = new Mt19937(5489);
        for (int i = 1; i < 10000; i++) generator.Next();
        Assert.Equal(4123659995u, generator.Next());
        Assert.Equal(1791095845u, new Mt19937(1).Next());
    }

    [Fact]
    public void RandpermGivesTorchsPermutation()
    {
        // From Debian's python3-torch 1.13.1: torch.manual_seed(s); torch.randperm(60000).
        Assert.Equal(new[] { 36044, 10678, 57327, 55074, 21567, 15479, 9481, 43095 }, TorchRandperm.Of(60000, 0).Take(8));
        Assert.Equal(new[] { 38986, 46111, 53123, 54054, 9664, 45710, 7266, 38831 }, TorchRandperm.Of(60000, 3).Take(8));
        var four = TorchRandperm.Of(60000, 4);
        Assert.Equal((31817, 41301), (four[1023], four[59999]));
    }

    [Fact]
    public void RandpermIsASeededPermutation()
    {
        var order = TorchRandperm.Of(60000, 3);
        Assert.Equal(Enumerable.Range(0, 60000), order.Order());
        Assert.Equal(order, TorchRandperm.Of(60000, 3));
        Assert.NotEqual(order.Take(64), TorchRandperm.Of(60000, 4).Take(64));
    }
}
