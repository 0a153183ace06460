using AgentLab.Games.Data;

namespace AgentLab.Games.BitVectorVae;

/// <summary>The training, validation and test images of a bit-vector VAE scenario (Fashion-MNIST).</summary>
public sealed record BitVectorVaeData(VaeImages Train, VaeImages Validation, VaeImages Test)
{
    public static BitVectorVaeData Load(BitVectorVaeScenario sc)
    {
        var train = FashionMnist.Load(FashionMnist.TrainSplit, sc.Root);
        var test = FashionMnist.Load(FashionMnist.TestSplit, sc.Root);
        return new BitVectorVaeData(
            VaeImages.Slice(train, 0, sc.TrainImages),
            VaeImages.Slice(train, 55_000, sc.ValidationImages),
            VaeImages.Slice(test, 0, sc.TestImages));
    }
}
