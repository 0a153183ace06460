using System.Numerics.Tensors;

namespace AgentLab.Numerics;

/// <summary>Matrix products: GEMM through OpenBLAS, small per-game products through TensorPrimitives.</summary>
public sealed partial class Tape
{
    /// <summary>op(A) · op(B) for rank-2 A and B; transA / transB use the stored matrix transposed.</summary>
    public Var MatMul(Var a, Var b, bool transA = false, bool transB = false)
    {
        ShapeOf.RequireRank("matmul", "left operand", a.Shape, 2);
        ShapeOf.RequireRank("matmul", "right operand", b.Shape, 2);
        int m = transA ? a.Shape[1] : a.Shape[0], k = transA ? a.Shape[0] : a.Shape[1];
        int kb = transB ? b.Shape[1] : b.Shape[0], n = transB ? b.Shape[0] : b.Shape[1];
        if (k != kb)
            throw new ShapeException($"matmul: shapes {ShapeOf.Format(a.Shape)}{(transA ? "ᵀ" : "")} and {ShapeOf.Format(b.Shape)}{(transB ? "ᵀ" : "")} do not chain ({k} vs {kb})");
        var c = NewTensor([m, n]);
        Blas.Sgemm(transA, transB, m, n, k, 1f, a.Value.Data, b.Value.Data, 0f, c.Data);
        var y = Output(c, "matmul", a, b);
        Record(y, () =>
        {
            var dc = y.Grad!.Data;
            if (a.RequiresGrad)
            {
                if (!transA) Blas.Sgemm(false, !transB, m, k, n, 1f, dc, b.Value.Data, 1f, GradOf(a).Data);
                else Blas.Sgemm(transB, true, k, m, n, 1f, b.Value.Data, dc, 1f, GradOf(a).Data);
            }
            if (b.RequiresGrad)
            {
                if (!transB) Blas.Sgemm(!transA, false, k, n, m, 1f, a.Value.Data, dc, 1f, GradOf(b).Data);
                else Blas.Sgemm(true, transA, n, k, m, 1f, dc, a.Value.Data, 1f, GradOf(b).Data);
            }
        });
        return y;
    }

    /// <summary>
    /// x · Wᵀ (+ b) with PyTorch's layout: W is [out, in], x is [..., in]; leading axes are flattened to rows.
    /// </summary>
    public Var Linear(Var x, Parameter weight, Parameter? bias = null)
    {
        ShapeOf.RequireRank("linear", "weight", weight.Shape, 2);
        int outDim = weight.Shape[0], inDim = weight.Shape[1];
        if (x.Value.LastDim != inDim)
            throw new ShapeException($"linear: input {ShapeOf.Format(x.Shape)} does not fit weight \"{weight.Name}\" {ShapeOf.Format(weight.Shape)} (last axis must be {inDim})");
        if (bias != null && (bias.Value.Length != outDim || bias.Value.Rank != 1))
            throw new ShapeException($"linear: bias \"{bias.Name}\" {ShapeOf.Format(bias.Shape)} does not fit weight {ShapeOf.Format(weight.Shape)}");
        int rows = x.Value.RowCount;
        var shape = (int[])x.Shape.Clone();
        shape[^1] = outDim;
        var yv = NewTensor(shape);
        Blas.Sgemm(false, true, rows, outDim, inDim, 1f, x.Value.Data, weight.Value.Data, 0f, yv.Data);
        if (bias != null)
            for (int r = 0; r < rows; r++) TensorPrimitives.Add(yv.Row(r), bias.Value.Data, yv.Row(r));
        var y = bias == null ? Output(yv, "linear", x, weight) : Output(yv, "linear", x, weight, bias);
        Record(y, () =>
        {
            var dy = y.Grad!;
            if (x.RequiresGrad) Blas.Sgemm(false, false, rows, inDim, outDim, 1f, dy.Data, weight.Value.Data, 1f, GradOf(x).Data);
            Blas.Sgemm(true, false, outDim, inDim, rows, 1f, dy.Data, x.Value.Data, 1f, weight.Gradient.Data);
            if (bias != null) AddRowsInto(dy, bias.Gradient.Data);
        });
        return y;
    }

    /// <summary>
    /// y[b, i] = Σ_k A[b, i, k] · v[b, k]: each game's candidates scored against that game's vector.
    /// </summary>
    public Var BatchedMatVec(Var a, Var v)
    {
        ShapeOf.RequireRank("batched_matvec", "matrices", a.Shape, 3);
        ShapeOf.RequireRank("batched_matvec", "vectors", v.Shape, 2);
        int batch = a.Shape[0], m = a.Shape[1], k = a.Shape[2];
        if (v.Shape[0] != batch || v.Shape[1] != k)
            throw new ShapeException($"batched_matvec: matrices {ShapeOf.Format(a.Shape)} and vectors {ShapeOf.Format(v.Shape)} do not fit (expected [{batch}, {k}])");
        var yv = NewTensor([batch, m]);
        for (int b = 0; b < batch; b++)
        {
            var vb = v.Value.Data.AsSpan(b * k, k);
            for (int i = 0; i < m; i++) yv.Data[b * m + i] = TensorPrimitives.Dot(a.Value.Data.AsSpan((b * m + i) * k, k), vb);
        }
        var y = Output(yv, "batched_matvec", a, v);
        Record(y, () =>
        {
            var dy = y.Grad!.Data;
            for (int b = 0; b < batch; b++)
            {
                var vb = v.Value.Data.AsSpan(b * k, k);
                for (int i = 0; i < m; i++)
                {
                    float g = dy[b * m + i];
                    if (a.RequiresGrad)
                    {
                        var da = GradOf(a).Data.AsSpan((b * m + i) * k, k);
                        TensorPrimitives.MultiplyAdd(vb, g, da, da);
                    }
                    if (v.RequiresGrad)
                    {
                        var dv = GradOf(v).Data.AsSpan(b * k, k);
                        TensorPrimitives.MultiplyAdd(a.Value.Data.AsSpan((b * m + i) * k, k), g, dv, dv);
                    }
                }
            }
        });
        return y;
    }

    /// <summary>y[r] = ⟨a[r], b[r]⟩ over the last axis.</summary>
    public Var RowDot(Var a, Var b)
    {
        ShapeOf.RequireSame("row_dot", a.Shape, b.Shape);
        int rows = a.Value.RowCount, d = a.Value.LastDim;
        var yv = NewTensor(a.Shape[..^1]);
        for (int r = 0; r < rows; r++) yv.Data[r] = TensorPrimitives.Dot(a.Value.Row(r), b.Value.Row(r));
        var y = Output(yv, "row_dot", a, b);
        Record(y, () =>
        {
            var dy = y.Grad!.Data;
            for (int r = 0; r < rows; r++)
            {
                if (a.RequiresGrad) { var da = GradOf(a).Row(r); TensorPrimitives.MultiplyAdd(b.Value.Row(r), dy[r], da, da); }
                if (b.RequiresGrad) { var db = GradOf(b).Row(r); TensorPrimitives.MultiplyAdd(a.Value.Row(r), dy[r], db, db); }
            }
        });
        return y;
    }

    /// <summary>acc[j] += Σ_r t[r, j]: the gradient of a broadcast over rows.</summary>
    private static void AddRowsInto(Tensor t, Span<float> acc)
    {
        for (int r = 0; r < t.RowCount; r++) TensorPrimitives.Add(acc, t.Row(r), acc);
    }
}
