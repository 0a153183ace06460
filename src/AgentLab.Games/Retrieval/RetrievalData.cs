using AgentLab.Games.Data;
using AgentLab.Games.Scenarios;
using AgentLab.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace AgentLab.Games.Retrieval;

/// <summary>
/// The images a retrieval sweep stores, one per row, in the scenario's pixel range (Fashion-MNIST's train split
/// mapped to [-1, 1] by default), and which of them a seed's memory holds: the first N of a seeded permutation,
/// so the memories of a smaller N are a prefix of those of a larger one.
/// </summary>
public sealed class RetrievalData
{
    private readonly string _order;

    private RetrievalData(FeatureMatrix images, int imageHeight, string order)
    {
        Images = images;
        ImageHeight = imageHeight;
        _order = order;
    }

    public FeatureMatrix Images { get; }

    /// <summary>D, the length of a pattern.</summary>
    public int Dimension => Images.Columns;

    /// <summary>Rows of one image (the mask hides the bottom half of them).</summary>
    public int ImageHeight { get; }

    public static RetrievalData Load(HopfieldRetrievalScenario scenario)
    {
        var images = scenario.Source == "fashion-mnist"
            ? FashionMnist.Load(FashionMnist.TrainSplit, scenario.Root).Images
            : NpyFile.ReadMatrix(scenario.FeaturesPath!);
        string source = scenario.Source == "fashion-mnist" ? "the Fashion-MNIST train split" : scenario.FeaturesPath!;
        int largest = scenario.Sizes.Max();
        if (largest > images.Rows)
            throw new ScenarioException($"{scenario.File}: \"memory.sizes\" asks for {largest} memories, but {source} holds only {images.Rows} patterns");
        int height = scenario.ImageHeight ?? images.Columns;
        if (images.Columns % height != 0)
            throw new ScenarioException($"{scenario.File}: \"data.image_height\" {height} does not divide the {images.Columns} features per row of {source}");
        if (scenario.Pixels == "minus-one-to-one")
        {
            // ToTensor + Normalize(0.5, 0.5): [0, 1] -> [-1, 1].
            TensorPrimitives.Multiply(images.Values, 2f, images.Values);
            TensorPrimitives.Subtract(images.Values, 1f, images.Values);
        }
        return new RetrievalData(images, height, scenario.Order);
    }

    /// <summary>The rows a seed's memories come from: the first N of this permutation of all rows.</summary>
    public int[] MemoryOrder(int seed)
    {
        if (_order == "torch") return TorchRandperm.Of(Images.Rows, (uint)seed);
        var order = Enumerable.Range(0, Images.Rows).ToArray();
        new Rng((ulong)seed).Split(1).Shuffle(order.AsSpan());
        return order;
    }

    /// <summary>The first <paramref name="count"/> rows of <paramref name="order"/>, row-major [count x D].</summary>
    public float[] Rows(int[] order, int count)
    {
        var rows = new float[count * Dimension];
        for (int i = 0; i < count; i++) Images.Row(order[i]).CopyTo(rows.AsSpan(i * Dimension, Dimension));
        return rows;
    }
}
