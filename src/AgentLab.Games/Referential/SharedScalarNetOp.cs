using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using AgentLab.Numerics;

namespace AgentLab.Games.Referential;

/// <summary>
/// The sender's per-coordinate network as one fused tape op: u = σ(Σ_c v_c σ(w_c e)) applied to every
/// entry e of its input, with one scalar→H→scalar network (no biases) shared by all coordinates. The
/// reference code runs it as two 1×1 convolutions, materialising a [B·E × H] activation (33 MB at the
/// paper's sizes); here the hidden layer is recomputed in backward instead, which is cheaper than storing it.
/// Work is split into a fixed number of chunks so that results do not depend on the number of cores.
/// </summary>
public static class SharedScalarNetOp
{
    private const int Chunks = 4;

    public static Var SharedScalarNet(this Tape tape, Var e, Parameter inWeights, Parameter outWeights)
    {
        int hidden = inWeights.Value.Length;
        if (outWeights.Value.Length != hidden)
            throw new ShapeException($"shared_scalar_net: \"{inWeights.Name}\" {ShapeOf.Format(inWeights.Shape)} and \"{outWeights.Name}\" {ShapeOf.Format(outWeights.Shape)} must have the same size");
        var uv = tape.NewTensor(e.Shape);
        var x = e.Value.Data; var u = uv.Data; var w = inWeights.Value.Data; var v = outWeights.Value.Data;
        int n = x.Length;
        Parallel.For(0, Chunks, chunk =>
        {
            var h = new float[hidden];
            var (lo, hi) = Range(chunk, n);
            for (int j = lo; j < hi; j++)
            {
                TensorPrimitives.Multiply(w, x[j], h);
                TensorPrimitives.Sigmoid(h, h);
                u[j] = 1f / (1f + MathF.Exp(-TensorPrimitives.Dot(v, h)));
            }
        });
        var y = tape.Output(uv, "shared_scalar_net", e, inWeights, outWeights);
        tape.Record(y, () =>
        {
            var du = y.Grad!.Data;
            var de = e.RequiresGrad ? tape.GradOf(e).Data : null;
            var partialW = new float[Chunks][];
            var partialV = new float[Chunks][];
            Parallel.For(0, Chunks, chunk =>
            {
                var h = new float[hidden]; var g = new float[hidden];
                var dw = partialW[chunk] = new float[hidden];
                var dv = partialV[chunk] = new float[hidden];
                var (lo, hi) = Range(chunk, n);
                for (int j = lo; j < hi; j++)
                {
                    float dt = du[j] * u[j] * (1f - u[j]);
                    if (dt == 0f) continue;
                    TensorPrimitives.Multiply(w, x[j], h);
                    TensorPrimitives.Sigmoid(h, h);
                    TensorPrimitives.MultiplyAdd(h, dt, dv, dv);               // dv += dt·h
                    // g = dt · v ⊙ h ⊙ (1 − h): the gradient at the hidden pre-activations w_c·e_j
                    TensorPrimitives.Multiply(h, h, g);
                    TensorPrimitives.Subtract(h, g, g);
                    TensorPrimitives.Multiply(g, v, g);
                    TensorPrimitives.Multiply(g, dt, g);
                    TensorPrimitives.MultiplyAdd(g, x[j], dw, dw);             // dw += g·e_j
                    if (de != null) de[j] += TensorPrimitives.Dot(g, w);       // de_j += Σ_c g_c w_c
                }
            });
            var gw = inWeights.Gradient.Data; var gv = outWeights.Gradient.Data;
            for (int c = 0; c < Chunks; c++)
            {
                TensorPrimitives.Add(gw, partialW[c], gw);
                TensorPrimitives.Add(gv, partialV[c], gv);
            }
        });
        return y;
    }

    private static (int Lo, int Hi) Range(int chunk, int n) => ((int)((long)n * chunk / Chunks), (int)((long)n * (chunk + 1) / Chunks));
}
