namespace AgentLab.Numerics;

/// <summary>Element counts that tolerate the invalid shapes a corrupt checkpoint may hold (see ShapeOf for formatting).</summary>
internal static class ShapeText
{
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
