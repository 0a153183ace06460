using System.Numerics.Tensors;
using AgentLab.Games.Data;

namespace AgentLab.Games.Tests.Data;

/// <summary>
/// Checks the real dataset from Debian's dataset-fashion-mnist. Not skipped when it is missing: the package is
/// part of the test machine's setup, so its absence is a setup failure that must be visible.
/// </summary>
public sealed class RealFashionMnistTests
{
    private static LabeledImages LoadInstalled(string split)
    {
        try
        {
            return FashionMnist.Load(split);
        }
        catch (DatasetException e)
        {
            Assert.Fail($"{e.Message}\nRun the setup script first: bash .ci/setup (it installs dataset-fashion-mnist).");
            throw; // Assert.Fail always throws; this only tells the compiler so.
        }
    }

    [Theory]
    [InlineData(FashionMnist.TrainSplit, 60000)]
    [InlineData(FashionMnist.TestSplit, 10000)]
    public void Installed_split_has_the_published_size_and_balanced_labels(string split, int expectedCount)
    {
        var data = LoadInstalled(split);

        Assert.Equal(expectedCount, data.Count);
        Assert.Equal(expectedCount, data.Images.Rows);
        Assert.Equal(FashionMnist.PixelCount, data.Images.Columns);
        Assert.All(data.Labels, label => Assert.InRange(label, 0, FashionMnist.ClassCount - 1));

        // Fashion-MNIST has exactly one tenth of each split in every class.
        var perClass = data.Labels.CountBy(label => label).ToDictionary();
        Assert.Equal(FashionMnist.ClassCount, perClass.Count);
        Assert.All(perClass.Values, count => Assert.Equal(expectedCount / FashionMnist.ClassCount, count));

        Assert.Equal(0f, TensorPrimitives.Min(data.Images.Values));
        Assert.Equal(1f, TensorPrimitives.Max(data.Images.Values));
    }
}
