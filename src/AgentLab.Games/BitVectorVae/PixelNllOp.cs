using System.Numerics.Tensors;
using AgentLab.Numerics;

namespace AgentLab.Games.BitVectorVae;

/// <summary>
/// −log p(x | z) of a 256-level categorical decoder: for each of <c>evaluations</c> images of P pixels,
/// out[e] = Σ_pixels (logsumexp(logits[e, pixel]) − logits[e, pixel, x_pixel]), fused so that the backward
/// is one pass, dlogits = g_e (softmax − onehot). <paramref name="labels"/> must not change before backward.
/// </summary>
public static class PixelNllOp
{
    public static Var PixelNll(this Tape tape, Var logits, int[] labels, int evaluations)
    {
        ShapeOf.RequireRank("pixel_nll", "logits", logits.Shape, 2);
        int rows = logits.Shape[0], classes = logits.Shape[1];
        if (evaluations < 1 || rows % evaluations != 0 || labels.Length < rows)
            throw new ShapeException($"pixel_nll: logits {ShapeOf.Format(logits.Shape)} do not split into {evaluations} images with {labels.Length} labels");
        int pixels = rows / evaluations;
        var lse = tape.NewTensor([rows]).Data;
        var yv = tape.NewTensor([evaluations]);
        for (int e = 0; e < evaluations; e++)
        {
            double sum = 0;
            for (int p = 0; p < pixels; p++)
            {
                int r = e * pixels + p;
                if ((uint)labels[r] >= (uint)classes)
                    throw new ArgumentOutOfRangeException(nameof(labels), $"pixel_nll: pixel value {labels[r]} of row {r} is outside [0, {classes})");
                var row = logits.Value.Row(r);
                lse[r] = RowKernels.LogSumExp(row);
                sum += lse[r] - row[labels[r]];
            }
            yv.Data[e] = (float)sum;
        }
        var y = tape.Output(yv, "pixel_nll", logits);
        tape.Record(y, () =>
        {
            var dLogits = tape.GradOf(logits);
            var softmax = new float[classes];
            for (int e = 0; e < evaluations; e++)
            {
                float g = y.Grad!.Data[e];
                if (g == 0) continue;
                for (int p = 0; p < pixels; p++)
                {
                    int r = e * pixels + p;
                    var row = logits.Value.Row(r);
                    var dx = dLogits.Row(r);
                    TensorPrimitives.Subtract(row, lse[r], softmax);
                    TensorPrimitives.Exp(softmax, softmax);
                    TensorPrimitives.MultiplyAdd(softmax, g, dx, dx);
                    dx[labels[r]] -= g;
                }
            }
        });
        return y;
    }
}
