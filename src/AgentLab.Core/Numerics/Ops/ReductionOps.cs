using System.Numerics.Tensors;

namespace AgentLab.Numerics;

/// <summary>Sums and means, over one axis or over everything.</summary>
public sealed partial class Tape
{
    /// <summary>Σ of all entries, a scalar of shape [].</summary>
    public Var SumAll(Var x) => ScaledSumAll(x, 1f, "sum_all");

    /// <summary>Mean of all entries, a scalar of shape [].</summary>
    public Var MeanAll(Var x)
    {
        if (x.Value.Length == 0) throw new ShapeException($"mean_all: \"{x.Name}\" is empty");
        return ScaledSumAll(x, 1f / x.Value.Length, "mean_all");
    }

    private Var ScaledSumAll(Var x, float scale, string name)
    {
        var yv = NewTensor([]);
        yv.Data[0] = TensorPrimitives.Sum(x.Value.Data) * scale;
        var y = Output(yv, name, x);
        Record(y, () => { var g = GradOf(x).Data; TensorPrimitives.Add(g, y.Grad!.Data[0] * scale, g); });
        return y;
    }

    /// <summary>Σ over one axis, which is removed from the shape.</summary>
    public Var Sum(Var x, int axis) => ScaledSum(x, axis, mean: false);

    /// <summary>Mean over one axis, which is removed from the shape.</summary>
    public Var Mean(Var x, int axis) => ScaledSum(x, axis, mean: true);

    private Var ScaledSum(Var x, int axis, bool mean)
    {
        string op = mean ? "mean" : "sum";
        var shape = x.Shape;
        if (axis < 0) axis += shape.Length;
        if (axis < 0 || axis >= shape.Length)
            throw new ShapeException($"{op}: axis out of range for shape {ShapeOf.Format(shape)}");
        int outer = ShapeOf.Size(shape.AsSpan(0, axis)), n = shape[axis], inner = ShapeOf.Size(shape.AsSpan(axis + 1));
        if (mean && n == 0) throw new ShapeException($"{op}: axis {axis} of {ShapeOf.Format(shape)} is empty");
        float scale = mean ? 1f / n : 1f;
        var yv = NewTensor([.. shape[..axis], .. shape[(axis + 1)..]], zeroed: true);
        var xd = x.Value.Data;
        for (int o = 0; o < outer; o++)
        {
            var dst = yv.Data.AsSpan(o * inner, inner);
            for (int i = 0; i < n; i++) TensorPrimitives.Add(dst, xd.AsSpan((o * n + i) * inner, inner), dst);
            if (mean) TensorPrimitives.Multiply(dst, scale, dst);
        }
        var y = Output(yv, op, x);
        Record(y, () =>
        {
            var g = GradOf(x).Data; var dy = y.Grad!.Data;
            for (int o = 0; o < outer; o++)
            {
                var src = dy.AsSpan(o * inner, inner);
                for (int i = 0; i < n; i++)
                {
                    var dst = g.AsSpan((o * n + i) * inner, inner);
                    TensorPrimitives.MultiplyAdd(src, scale, dst, dst);
                }
            }
        });
        return y;
    }
}
