using System.Numerics.Tensors;

namespace AgentLab.Numerics;

/// <summary>Layer normalisation over the last axis (PyTorch semantics: biased variance, eps inside the root).</summary>
public sealed partial class Tape
{
    public Var LayerNorm(Var x, Var gamma, Var beta, float eps = 1e-5f)
    {
        int n = x.Value.LastDim, rows = x.Value.RowCount;
        if (gamma.Value.Length != n || beta.Value.Length != n)
            throw new ShapeException($"layer_norm: gain {ShapeOf.Format(gamma.Shape)} / bias {ShapeOf.Format(beta.Shape)} do not fit input {ShapeOf.Format(x.Shape)}");
        var yv = NewTensor(x.Shape);
        var xhat = NewTensor(x.Shape);
        var invStd = NewTensor([rows]);
        for (int r = 0; r < rows; r++)
        {
            var xr = x.Value.Row(r);
            float mean = TensorPrimitives.Sum(xr) / n;
            var h = xhat.Row(r);
            TensorPrimitives.Subtract(xr, mean, h);
            float variance = TensorPrimitives.Dot(h, h) / n;
            invStd.Data[r] = 1f / MathF.Sqrt(variance + eps);
            TensorPrimitives.Multiply(h, invStd.Data[r], h);
            TensorPrimitives.FusedMultiplyAdd(h, gamma.Value.Data, beta.Value.Data, yv.Row(r));
        }
        var y = Output(yv, "layer_norm", x, gamma, beta);
        Record(y, () =>
        {
            for (int r = 0; r < rows; r++)
            {
                var g = y.Grad!.Row(r); var h = xhat.Row(r);
                if (gamma.RequiresGrad) { var dg = GradOf(gamma).Data; TensorPrimitives.MultiplyAdd(g, h, dg, dg); }
                if (beta.RequiresGrad) { var db = GradOf(beta).Data; TensorPrimitives.Add(db, g, db); }
                if (!x.RequiresGrad) continue;
                // dx = invStd/n · (n·gh − Σgh − x̂ Σ(gh ⊙ x̂)), gh = g ⊙ γ
                float sumGh = 0f, sumGhH = 0f;
                var gam = gamma.Value.Data;
                for (int i = 0; i < n; i++) { float gh = g[i] * gam[i]; sumGh += gh; sumGhH += gh * h[i]; }
                var dx = GradOf(x).Row(r);
                float s = invStd.Data[r] / n;
                for (int i = 0; i < n; i++) dx[i] += s * (n * g[i] * gam[i] - sumGh - h[i] * sumGhH);
            }
        });
        return y;
    }
}
