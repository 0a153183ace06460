namespace AgentLab.Games.Data;

/// <summary>
/// The Fashion-MNIST images (28x28 grey-scale clothing photos, 10 classes) as installed by
/// Debian's dataset-fashion-mnist package.
/// </summary>
public static class FashionMnist
{
    public const string DefaultRoot = "/usr/share/datasets/fashion-mnist";

    public const string InstallHint = "install it with: apt-get install dataset-fashion-mnist";

    public const string TrainSplit = "train";

    public const string TestSplit = "test";

    public const int ImageSide = 28;

    public const int PixelCount = ImageSide * ImageSide;

    public const int ClassCount = 10;

    /// <summary>Human-readable class names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ];

    /// <summary>
    /// Loads one split as float32 rows of <see cref="PixelCount"/> pixels scaled to [0,1], with byte labels.
    /// </summary>
    /// <param name="split"><see cref="TrainSplit"/> (60000 images) or <see cref="TestSplit"/> (10000 images).</param>
    /// <param name="root">Directory holding the IDX files; <see cref="DefaultRoot"/> when null.</param>
    /// <exception cref="DatasetException">A file is missing or corrupt.</exception>
    public static LabeledImages Load(string split, string? root = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        var files = FashionMnistFiles.Locate(split, root ?? DefaultRoot);

        // Labels first: they are tiny, so a broken labels file fails before 47 MB of pixels are decoded.
        var labels = IdxFile.ReadLabels(files.LabelsPath);
        var images = IdxFile.ReadImages(files.ImagesPath, ImageSide, ImageSide);
        if (images.Rows != labels.Length)
        {
            throw new DatasetException(
                $"{files.ImagesPath} holds {images.Rows} images but {files.LabelsPath} holds {labels.Length} labels; " +
                "the two files of a split must have the same count.");
        }

        EnsureLabelsAreClasses(labels, files.LabelsPath);
        return new LabeledImages(images, labels);
    }

    private static void EnsureLabelsAreClasses(byte[] labels, string path)
    {
        int bad = Array.FindIndex(labels, label => label >= ClassCount);
        if (bad >= 0)
        {
            throw new DatasetException(
                $"{path}: label {labels[bad]} at index {bad} is outside 0..{ClassCount - 1}.");
        }
    }
}
