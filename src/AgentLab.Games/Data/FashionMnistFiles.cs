namespace AgentLab.Games.Data;

/// <summary>
/// Where the IDX files of one Fashion-MNIST split live. Debian's dataset-fashion-mnist ships them gzipped
/// under the original names (the test split is called "t10k"); uncompressed copies are accepted as well.
/// </summary>
internal sealed record FashionMnistFiles(string ImagesPath, string LabelsPath)
{
    public static FashionMnistFiles Locate(string split, string root)
    {
        string prefix = FilePrefix(split);
        var missing = new List<string>();
        string images = FindOne(root, $"{prefix}-images-idx3-ubyte", missing);
        string labels = FindOne(root, $"{prefix}-labels-idx1-ubyte", missing);
        if (missing.Count > 0)
        {
            // One exception for everything that is missing, so a user fixes it in one go.
            throw new DatasetException(
                $"Fashion-MNIST {split} split not found: missing {string.Join(" and ", missing)} " +
                $"(an uncompressed file without .gz is accepted too); {FashionMnist.InstallHint}");
        }

        return new FashionMnistFiles(images, labels);
    }

    private static string FilePrefix(string split) => split switch
    {
        FashionMnist.TrainSplit => "train",
        FashionMnist.TestSplit => "t10k",
        _ => throw new ArgumentException(
            $"Unknown Fashion-MNIST split '{split}'; expected '{FashionMnist.TrainSplit}' or '{FashionMnist.TestSplit}'.",
            nameof(split)),
    };

    /// <summary>The gzipped file if present, else the plain one; records the gzipped name as missing if neither is.</summary>
    private static string FindOne(string root, string baseName, List<string> missing)
    {
        string gzipped = Path.Combine(root, baseName + ".gz");
        string plain = Path.Combine(root, baseName);
        if (File.Exists(gzipped))
        {
            return gzipped;
        }

        if (File.Exists(plain))
        {
            return plain;
        }

        missing.Add(gzipped);
        return gzipped;
    }
}
