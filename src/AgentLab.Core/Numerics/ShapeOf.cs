namespace AgentLab.Numerics;

/// <summary>Shape arithmetic and the checks every op runs before touching data.</summary>
public static class ShapeOf
{
    public static int Size(ReadOnlySpan<int> shape)
    {
        long size = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ShapeException($"shape {Format(shape)} has a negative dimension");
            size *= d;
            if (size > int.MaxValue) throw new ShapeException($"shape {Format(shape)} has more than {int.MaxValue} elements");
        }
        return (int)size;
    }

    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    public static bool Same(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);

    public static void RequireSame(string op, int[] a, int[] b)
    {
        if (!Same(a, b)) throw new ShapeException($"{op}: shapes {Format(a)} and {Format(b)} differ");
    }

    public static void RequireRank(string op, string what, int[] shape, int rank)
    {
        if (shape.Length != rank)
            throw new ShapeException($"{op}: {what} has shape {Format(shape)}, expected rank {rank}");
    }
}
