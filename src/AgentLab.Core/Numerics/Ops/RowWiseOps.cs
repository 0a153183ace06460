using System.Numerics.Tensors;

namespace AgentLab.Numerics;

/// <summary>
/// Softmax family over the last axis. Each row is shifted by its max first, so large scores never overflow;
/// -inf entries are masks (probability 0, gradient 0).
/// </summary>
public sealed partial class Tape
{
    public Var Softmax(Var x)
    {
        RequireRows("softmax", x);
        var yv = NewTensor(x.Shape);
        for (int r = 0; r < x.Value.RowCount; r++) RowKernels.Softmax(x.Value.Row(r), yv.Row(r));
        var y = Output(yv, "softmax", x);
        Record(y, () =>
        {
            // J g = p ⊙ g − p ⟨p, g⟩
            for (int r = 0; r < yv.RowCount; r++)
            {
                var p = yv.Row(r); var g = y.Grad!.Row(r); var dx = GradOf(x).Row(r);
                float pg = TensorPrimitives.Dot(p, g);
                for (int i = 0; i < p.Length; i++) dx[i] += p[i] * (g[i] - pg);
            }
        });
        return y;
    }

    public Var LogSoftmax(Var x)
    {
        RequireRows("log_softmax", x);
        var yv = NewTensor(x.Shape);
        for (int r = 0; r < x.Value.RowCount; r++)
        {
            float lse = RowKernels.LogSumExp(x.Value.Row(r));
            TensorPrimitives.Subtract(x.Value.Row(r), lse, yv.Row(r));
        }
        var y = Output(yv, "log_softmax", x);
        Record(y, () =>
        {
            // dx = g − softmax(x) Σ g, with softmax(x) = exp(log_softmax(x))
            var p = new float[yv.LastDim];
            for (int r = 0; r < yv.RowCount; r++)
            {
                var ly = yv.Row(r); var g = y.Grad!.Row(r); var dx = GradOf(x).Row(r);
                float sum = TensorPrimitives.Sum(g);
                TensorPrimitives.Exp(ly, p);
                TensorPrimitives.Add(dx, g, dx);
                TensorPrimitives.MultiplyAdd(p, -sum, dx, dx);
            }
        });
        return y;
    }

    /// <summary>log Σ exp over the last axis, which is removed from the shape.</summary>
    public Var LogSumExp(Var x)
    {
        RequireRows("logsumexp", x);
        var yv = NewTensor(x.Shape[..^1]);
        for (int r = 0; r < x.Value.RowCount; r++) yv.Data[r] = RowKernels.LogSumExp(x.Value.Row(r));
        var y = Output(yv, "logsumexp", x);
        Record(y, () =>
        {
            for (int r = 0; r < x.Value.RowCount; r++)
            {
                var xr = x.Value.Row(r); var dx = GradOf(x).Row(r); float g = y.Grad!.Data[r], lse = yv.Data[r];
                for (int i = 0; i < xr.Length; i++) dx[i] += g * MathF.Exp(xr[i] - lse);
            }
        });
        return y;
    }

    /// <summary>
    /// Mean over rows of −log softmax(logits)[label]: the usual classification loss, fused so that the
    /// backward is one pass (softmax − onehot) / rows. <paramref name="labels"/> must not change before backward.
    /// </summary>
    public Var CrossEntropy(Var logits, int[] labels)
    {
        RequireRows("cross_entropy", logits);
        int rows = logits.Value.RowCount, n = logits.Value.LastDim;
        if (labels.Length != rows)
            throw new ShapeException($"cross_entropy: {labels.Length} labels for logits {ShapeOf.Format(logits.Shape)} ({rows} rows)");
        var lab = labels; // read again in backward: the caller keeps it unchanged until then
        var lse = NewTensor([rows]).Data;
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            if ((uint)lab[r] >= (uint)n) throw new ArgumentOutOfRangeException(nameof(labels), $"cross_entropy: label {lab[r]} of row {r} is outside [0, {n})");
            lse[r] = RowKernels.LogSumExp(logits.Value.Row(r));
            total += lse[r] - logits.Value.Row(r)[lab[r]];
        }
        var yv = NewTensor([]);
        yv.Data[0] = (float)(total / rows);
        var y = Output(yv, "cross_entropy", logits);
        Record(y, () =>
        {
            float g = y.Grad!.Data[0] / rows;
            for (int r = 0; r < rows; r++)
            {
                var xr = logits.Value.Row(r); var dx = GradOf(logits).Row(r);
                for (int i = 0; i < n; i++) dx[i] += g * MathF.Exp(xr[i] - lse[r]);
                dx[lab[r]] -= g;
            }
        });
        return y;
    }

    private static void RequireRows(string op, Var x)
    {
        if (x.Value.Rank == 0 || x.Value.LastDim == 0)
            throw new ShapeException($"{op}: \"{x.Name}\" {ShapeOf.Format(x.Shape)} has no last axis to normalise over");
    }
}
