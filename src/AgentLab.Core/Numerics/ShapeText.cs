namespace AgentLab.Numerics;

/// <summary>Shape arithmetic and formatting shared by checkpoint messages.</summary>
internal static class ShapeText
{
    /// <summary>Formats a shape as <c>[256, 784]</c>; a scalar is <c>[]</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    /// <summary>The product of the dimensions, or -1 if a dimension is negative or the product overflows a long.</summary>
    public static long ElementCount(ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (int dim in shape)
        {
            if (dim < 0) return -1;
            if (dim != 0 && count > long.MaxValue / dim) return -1;
            count *= dim;
        }
        return count;
    }
}
