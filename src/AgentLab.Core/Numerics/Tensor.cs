namespace AgentLab.Numerics;

/// <summary>
/// A dense, row-major float32 array with a shape. The data array is exactly as long as the shape's product,
/// so spans over it never need slicing. Tensors created by a <see cref="Tape"/> come from its pool and are
/// valid until the tape is reset; tensors created with <c>new</c> belong to the caller.
/// </summary>
public sealed class Tensor
{
    public float[] Data { get; }
    public int[] Shape { get; }

    public Tensor(params int[] shape) : this(new float[ShapeOf.Size(shape)], shape) { }

    public Tensor(float[] data, params int[] shape)
    {
        if (data.Length != ShapeOf.Size(shape))
            throw new ShapeException($"tensor: data of length {data.Length} does not fill shape {ShapeOf.Format(shape)}");
        Data = data;
        Shape = (int[])shape.Clone();
    }

    public static Tensor FromRows(float[][] rows)
    {
        int cols = rows.Length == 0 ? 0 : rows[0].Length;
        var t = new Tensor(rows.Length, cols);
        for (int r = 0; r < rows.Length; r++)
        {
            if (rows[r].Length != cols)
                throw new ShapeException($"tensor: row {r} has {rows[r].Length} entries, expected {cols}");
            rows[r].CopyTo(t.Data, r * cols);
        }
        return t;
    }

    public int Length => Data.Length;
    public int Rank => Shape.Length;
    public Span<float> Span => Data;

    /// <summary>Size of the last axis (1 for a scalar): the row length of row-wise ops.</summary>
    public int LastDim => Shape.Length == 0 ? 1 : Shape[^1];

    /// <summary>Number of rows when the tensor is viewed as [Length / LastDim, LastDim].</summary>
    public int RowCount => LastDim == 0 ? 0 : Length / LastDim;

    public Span<float> Row(int r) => Data.AsSpan(r * LastDim, LastDim);

    public float this[int i] { get => Data[i]; set => Data[i] = value; }
    public float this[int r, int c] { get => Data[r * Shape[1] + c]; set => Data[r * Shape[1] + c] = value; }

    public float Scalar()
    {
        if (Length != 1) throw new ShapeException($"scalar: tensor of shape {ShapeOf.Format(Shape)} is not a single value");
        return Data[0];
    }

    public Tensor Clone() => new((float[])Data.Clone(), Shape);

    public void CopyFrom(Tensor other)
    {
        ShapeOf.RequireSame("copy", Shape, other.Shape);
        other.Data.CopyTo(Data, 0);
    }

    public void Zero() => Array.Clear(Data);

    public override string ToString() => $"Tensor{ShapeOf.Format(Shape)}";
}
