using AgentLab.Numerics;

namespace AgentLab.Games.Retrieval;

/// <summary>
/// How a query is made from its memory (HOPFIELD.md §8): "mask" zeroes the bottom half of the image's rows;
/// "noise" adds std·N(0, 1) to every pixel, then (when asked, for pixels in [-1, 1]) clamps to that range.
/// </summary>
public static class QueryCorruption
{
    /// <summary>Corrupted copies of the row-major <paramref name="patterns"/> [count x D].</summary>
    public static float[] Apply(string kind, ReadOnlySpan<float> patterns, int dimension, int imageHeight, double noiseStd, bool clamp, Rng rng) => kind switch
    {
        "mask" => Mask(patterns, dimension, imageHeight),
        "noise" => Noise(patterns, noiseStd, clamp, rng),
        _ => throw new ArgumentException($"unknown corruption \"{kind}\" (expected mask or noise)", nameof(kind)),
    };

    /// <summary>Rows of height <paramref name="imageHeight"/>; the bottom floor(height / 2) of them are set to 0.</summary>
    public static float[] Mask(ReadOnlySpan<float> patterns, int dimension, int imageHeight)
    {
        var queries = patterns.ToArray();
        int width = dimension / imageHeight;
        int hidden = imageHeight / 2 * width;
        for (int start = 0; start < queries.Length; start += dimension)
            Array.Clear(queries, start + dimension - hidden, hidden);
        return queries;
    }

    public static float[] Noise(ReadOnlySpan<float> patterns, double std, bool clamp, Rng rng)
    {
        var queries = new float[patterns.Length];
        rng.FillNormal(queries, 0f, (float)std);
        for (int i = 0; i < queries.Length; i++)
        {
            float value = patterns[i] + queries[i];
            queries[i] = clamp ? Math.Clamp(value, -1f, 1f) : value;
        }
        return queries;
    }
}
