using AgentLab.Games.Data;
using AgentLab.Numerics;

namespace AgentLab.Games.BitVectorVae;

/// <summary>
/// A set of images both as the encoder reads them (pixels in [0, 1]) and as the decoder predicts them (grey
/// levels 0..255, recovered exactly from the loader's byte / 255).
/// </summary>
public sealed class VaeImages
{
    public VaeImages(float[] pixels, int count, int pixelCount)
    {
        if (pixels.Length != count * pixelCount) throw new ArgumentException($"{pixels.Length} pixels for {count} images of {pixelCount}", nameof(pixels));
        Pixels = pixels;
        Count = count;
        PixelCount = pixelCount;
        Levels = new byte[pixels.Length];
        for (int i = 0; i < pixels.Length; i++) Levels[i] = (byte)Math.Clamp(MathF.Round(pixels[i] * 255f), 0f, 255f);
    }

    public float[] Pixels { get; }

    public byte[] Levels { get; }

    public int Count { get; }

    public int PixelCount { get; }

    /// <summary>Images first..first+count−1 of a loaded split.</summary>
    public static VaeImages Slice(LabeledImages split, int first, int count)
    {
        int p = split.Images.Columns;
        return new VaeImages(split.Images.Values.AsSpan(first * p, count * p).ToArray(), count, p);
    }

    /// <summary>Copies the images at <paramref name="indices"/> into a batch.</summary>
    public void Gather(ReadOnlySpan<int> indices, Tensor images, byte[] levels)
    {
        int p = PixelCount;
        for (int b = 0; b < indices.Length; b++)
        {
            Pixels.AsSpan(indices[b] * p, p).CopyTo(images.Row(b));
            Levels.AsSpan(indices[b] * p, p).CopyTo(levels.AsSpan(b * p, p));
        }
    }
}
