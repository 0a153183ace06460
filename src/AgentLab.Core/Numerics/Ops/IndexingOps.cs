using System.Numerics.Tensors;

namespace AgentLab.Numerics;

/// <summary>Gathers, scatters, concatenation and reshapes. Index arrays must not change before backward.</summary>
public sealed partial class Tape
{
    /// <summary>
    /// Rows of a [V, E] table picked by ids (an embedding lookup): output [ids.Length, E]. The backward is a
    /// scatter-add, so a row picked twice receives both gradients.
    /// </summary>
    public Var Gather(Var table, int[] ids)
    {
        ShapeOf.RequireRank("gather", "table", table.Shape, 2);
        int v = table.Shape[0], e = table.Shape[1];
        var yv = NewTensor([ids.Length, e]);
        for (int i = 0; i < ids.Length; i++)
        {
            if ((uint)ids[i] >= (uint)v) throw new ArgumentOutOfRangeException(nameof(ids), $"gather: id {ids[i]} at position {i} is outside [0, {v}) for \"{table.Name}\"");
            table.Value.Data.AsSpan(ids[i] * e, e).CopyTo(yv.Row(i));
        }
        var y = Output(yv, "gather", table);
        Record(y, () => ScatterAddRows(y.Grad!, ids, GradOf(table)));
        return y;
    }

    /// <summary>acc[ids[i], :] += src[i, :]: the adjoint of <see cref="Gather"/>.</summary>
    public static void ScatterAddRows(Tensor src, ReadOnlySpan<int> ids, Tensor acc)
    {
        int e = acc.LastDim;
        for (int i = 0; i < ids.Length; i++)
        {
            var dst = acc.Data.AsSpan(ids[i] * e, e);
            TensorPrimitives.Add(dst, src.Data.AsSpan(i * e, e), dst);
        }
    }

    /// <summary>y[r] = x[r, index[r]]: one entry per row (e.g. the log-probability of the target).</summary>
    public Var PickPerRow(Var x, int[] index)
    {
        int rows = x.Value.RowCount, n = x.Value.LastDim;
        if (index.Length != rows)
            throw new ShapeException($"pick_per_row: {index.Length} indices for {ShapeOf.Format(x.Shape)} ({rows} rows)");
        var yv = NewTensor(x.Shape[..^1]);
        for (int r = 0; r < rows; r++)
        {
            if ((uint)index[r] >= (uint)n) throw new ArgumentOutOfRangeException(nameof(index), $"pick_per_row: index {index[r]} of row {r} is outside [0, {n})");
            yv.Data[r] = x.Value.Data[r * n + index[r]];
        }
        var y = Output(yv, "pick_per_row", x);
        Record(y, () =>
        {
            var g = GradOf(x).Data;
            for (int r = 0; r < rows; r++) g[r * n + index[r]] += y.Grad!.Data[r];
        });
        return y;
    }

    /// <summary>Joins tensors along an axis; all other axes must agree.</summary>
    public Var Concat(IReadOnlyList<Var> parts, int axis)
    {
        if (parts.Count == 0) throw new ShapeException("concat: nothing to join");
        var first = parts[0].Shape;
        if (axis < 0) axis += first.Length;
        if (axis < 0 || axis >= first.Length) throw new ShapeException($"concat: axis out of range for shape {ShapeOf.Format(first)}");
        int total = 0;
        foreach (var p in parts)
        {
            if (p.Shape.Length != first.Length) throw new ShapeException($"concat: shapes {ShapeOf.Format(first)} and {ShapeOf.Format(p.Shape)} differ in rank");
            for (int d = 0; d < first.Length; d++)
                if (d != axis && p.Shape[d] != first[d])
                    throw new ShapeException($"concat: shapes {ShapeOf.Format(first)} and {ShapeOf.Format(p.Shape)} differ off axis {axis}");
            total += p.Shape[axis];
        }
        var shape = (int[])first.Clone();
        shape[axis] = total;
        int outer = ShapeOf.Size(first.AsSpan(0, axis)), inner = ShapeOf.Size(first.AsSpan(axis + 1));
        var yv = NewTensor(shape);
        int offset = 0;
        var offsets = new int[parts.Count];
        for (int k = 0; k < parts.Count; k++)
        {
            offsets[k] = offset;
            int width = parts[k].Shape[axis] * inner;
            for (int o = 0; o < outer; o++)
                parts[k].Value.Data.AsSpan(o * width, width).CopyTo(yv.Data.AsSpan(o * total * inner + offset, width));
            offset += width;
        }
        bool any = false;
        foreach (var p in parts) any |= p.RequiresGrad;
        var y = new Var(yv, "concat", IsRecording && any);
        Record(y, () =>
        {
            for (int k = 0; k < parts.Count; k++)
            {
                if (!parts[k].RequiresGrad) continue;
                int width = parts[k].Shape[axis] * inner;
                var g = GradOf(parts[k]).Data;
                for (int o = 0; o < outer; o++)
                {
                    var dst = g.AsSpan(o * width, width);
                    TensorPrimitives.Add(dst, y.Grad!.Data.AsSpan(o * total * inner + offsets[k], width), dst);
                }
            }
        });
        return y;
    }

    /// <summary>The same values with another shape of the same size.</summary>
    public Var Reshape(Var x, params int[] shape)
    {
        if (ShapeOf.Size(shape) != x.Value.Length)
            throw new ShapeException($"reshape: {ShapeOf.Format(x.Shape)} cannot become {ShapeOf.Format(shape)}");
        var yv = NewTensor(shape);
        x.Value.Data.CopyTo(yv.Data, 0);
        var y = Output(yv, "reshape", x);
        Record(y, () => AccumulateGrad(x, y.Grad!.Data));
        return y;
    }
}
