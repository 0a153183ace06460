namespace AgentLab.Numerics;

/// <summary>
/// One named float32 array in a checkpoint. <see cref="Shape"/> lists the dimensions, outermost
/// first; an empty shape is a scalar (one element), and a zero dimension means no elements. The
/// data length must equal the product of the dimensions. (Record equality compares the array
/// references, not their contents.)
/// </summary>
public sealed record CheckpointEntry(string Name, int[] Shape, float[] Data)
{
    /// <summary>The number of elements the shape describes (1 for a scalar).</summary>
    public long ElementCount => ShapeText.ElementCount(Shape);
}
