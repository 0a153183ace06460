namespace AgentLab.Games.Data;

/// <summary>Images (one flattened image per row, pixels in [0,1]) and the class label of each.</summary>
public sealed class LabeledImages
{
    public LabeledImages(FeatureMatrix images, byte[] labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.Rows != labels.Length)
        {
            throw new ArgumentException($"{images.Rows} images but {labels.Length} labels.", nameof(labels));
        }

        Images = images;
        Labels = labels;
    }

    public FeatureMatrix Images { get; }

    public byte[] Labels { get; }

    public int Count => Labels.Length;
}
