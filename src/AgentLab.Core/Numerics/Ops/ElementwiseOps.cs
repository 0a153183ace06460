using System.Numerics.Tensors;

namespace AgentLab.Numerics;

/// <summary>Elementwise arithmetic and activations, through TensorPrimitives.</summary>
public sealed partial class Tape
{
    public Var Add(Var a, Var b)
    {
        ShapeOf.RequireSame("add", a.Shape, b.Shape);
        var yv = NewTensor(a.Shape);
        TensorPrimitives.Add(a.Value.Data, b.Value.Data, yv.Data);
        var y = Output(yv, "add", a, b);
        Record(y, () =>
        {
            if (a.RequiresGrad) AccumulateGrad(a, y.Grad!.Data);
            if (b.RequiresGrad) AccumulateGrad(b, y.Grad!.Data);
        });
        return y;
    }

    public Var Sub(Var a, Var b)
    {
        ShapeOf.RequireSame("sub", a.Shape, b.Shape);
        var yv = NewTensor(a.Shape);
        TensorPrimitives.Subtract(a.Value.Data, b.Value.Data, yv.Data);
        var y = Output(yv, "sub", a, b);
        Record(y, () =>
        {
            if (a.RequiresGrad) AccumulateGrad(a, y.Grad!.Data);
            if (b.RequiresGrad) { var gb = GradOf(b).Data; TensorPrimitives.Subtract(gb, y.Grad!.Data, gb); }
        });
        return y;
    }

    public Var Mul(Var a, Var b)
    {
        ShapeOf.RequireSame("mul", a.Shape, b.Shape);
        var yv = NewTensor(a.Shape);
        TensorPrimitives.Multiply(a.Value.Data, b.Value.Data, yv.Data);
        var y = Output(yv, "mul", a, b);
        Record(y, () =>
        {
            var dy = y.Grad!.Data;
            if (a.RequiresGrad) { var ga = GradOf(a).Data; TensorPrimitives.MultiplyAdd(dy, b.Value.Data, ga, ga); }
            if (b.RequiresGrad) { var gb = GradOf(b).Data; TensorPrimitives.MultiplyAdd(dy, a.Value.Data, gb, gb); }
        });
        return y;
    }

    /// <summary>y = s · x for a constant s.</summary>
    public Var Scale(Var x, float s)
    {
        var yv = NewTensor(x.Shape);
        TensorPrimitives.Multiply(x.Value.Data, s, yv.Data);
        var y = Output(yv, "scale", x);
        Record(y, () => { var g = GradOf(x).Data; TensorPrimitives.MultiplyAdd(y.Grad!.Data, s, g, g); });
        return y;
    }

    /// <summary>x[..., j] + b[j]: a bias broadcast over the rows.</summary>
    public Var AddBias(Var x, Var bias)
    {
        if (bias.Value.Rank != 1 || bias.Value.Length != x.Value.LastDim)
            throw new ShapeException($"add_bias: bias {ShapeOf.Format(bias.Shape)} does not fit input {ShapeOf.Format(x.Shape)} (expected [{x.Value.LastDim}])");
        var yv = NewTensor(x.Shape);
        for (int r = 0; r < x.Value.RowCount; r++) TensorPrimitives.Add(x.Value.Row(r), bias.Value.Data, yv.Row(r));
        var y = Output(yv, "add_bias", x, bias);
        Record(y, () =>
        {
            if (x.RequiresGrad) AccumulateGrad(x, y.Grad!.Data);
            if (bias.RequiresGrad) AddRowsInto(y.Grad!, GradOf(bias).Data);
        });
        return y;
    }

    public Var Relu(Var x)
    {
        var yv = NewTensor(x.Shape);
        TensorPrimitives.Max(x.Value.Data, 0f, yv.Data);
        var y = Output(yv, "relu", x);
        Record(y, () =>
        {
            var g = GradOf(x).Data; var dy = y.Grad!.Data; var yd = yv.Data;
            for (int i = 0; i < g.Length; i++) if (yd[i] > 0f) g[i] += dy[i];
        });
        return y;
    }

    public Var Tanh(Var x)
    {
        var yv = NewTensor(x.Shape);
        TensorPrimitives.Tanh(x.Value.Data, yv.Data);
        var y = Output(yv, "tanh", x);
        Record(y, () =>
        {
            var g = GradOf(x).Data; var dy = y.Grad!.Data; var yd = yv.Data;
            for (int i = 0; i < g.Length; i++) g[i] += dy[i] * (1f - yd[i] * yd[i]);
        });
        return y;
    }

    public Var Sigmoid(Var x)
    {
        var yv = NewTensor(x.Shape);
        TensorPrimitives.Sigmoid(x.Value.Data, yv.Data);
        var y = Output(yv, "sigmoid", x);
        Record(y, () =>
        {
            var g = GradOf(x).Data; var dy = y.Grad!.Data; var yd = yv.Data;
            for (int i = 0; i < g.Length; i++) g[i] += dy[i] * yd[i] * (1f - yd[i]);
        });
        return y;
    }

    public Var Exp(Var x)
    {
        var yv = NewTensor(x.Shape);
        TensorPrimitives.Exp(x.Value.Data, yv.Data);
        var y = Output(yv, "exp", x);
        Record(y, () => { var g = GradOf(x).Data; TensorPrimitives.MultiplyAdd(y.Grad!.Data, yv.Data, g, g); });
        return y;
    }

    /// <summary>Natural log; non-positive inputs give -inf/NaN exactly as in IEEE arithmetic.</summary>
    public Var Log(Var x)
    {
        var yv = NewTensor(x.Shape);
        TensorPrimitives.Log(x.Value.Data, yv.Data);
        var y = Output(yv, "log", x);
        Record(y, () =>
        {
            var g = GradOf(x).Data; var dy = y.Grad!.Data; var xd = x.Value.Data;
            for (int i = 0; i < g.Length; i++) g[i] += dy[i] / xd[i];
        });
        return y;
    }

    /// <summary>grad(v) += g, for ops whose local Jacobian is the identity.</summary>
    private void AccumulateGrad(Var v, ReadOnlySpan<float> g)
    {
        var acc = GradOf(v).Data;
        TensorPrimitives.Add(acc, g, acc);
    }
}
