using System.Runtime.Intrinsics;
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
            var (lo, hi) = Range(chunk, n);
            for (int j = lo; j < hi; j++) u[j] = Sigmoid(HiddenDot(w, v, x[j]));
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
                var dw = partialW[chunk] = new float[hidden];
                var dv = partialV[chunk] = new float[hidden];
                var (lo, hi) = Range(chunk, n);
                for (int j = lo; j < hi; j++)
                {
                    float dt = du[j] * u[j] * (1f - u[j]);
                    if (dt == 0f) continue;
                    float dej = HiddenBackward(w, v, x[j], dt, dw, dv);
                    if (de != null) de[j] += dej;
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

    private static float Sigmoid(float t) => 1f / (1f + MathF.Exp(-t));

    private static Vector256<float> Sigmoid(Vector256<float> t) =>
        Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-t));

    /// <summary>Σ_c v_c σ(w_c x), one fused pass over the hidden units.</summary>
    private static float HiddenDot(float[] w, float[] v, float x)
    {
        int c = 0;
        float sum = 0f;
        if (Vector256.IsHardwareAccelerated)
        {
            var acc = Vector256<float>.Zero;
            var vx = Vector256.Create(x);
            for (; c <= w.Length - 8; c += 8)
                acc += Vector256.Create(v.AsSpan(c, 8)) * Sigmoid(Vector256.Create(w.AsSpan(c, 8)) * vx);
            sum = Vector256.Sum(acc);
        }
        for (; c < w.Length; c++) sum += v[c] * Sigmoid(w[c] * x);
        return sum;
    }

    /// <summary>
    /// For one coordinate with output cotangent dt (already through the outer sigmoid): accumulates
    /// dv += dt·h and dw += g·x with g = dt·v ⊙ h ⊙ (1 − h), h = σ(w x), and returns d/dx = Σ_c g_c w_c.
    /// </summary>
    private static float HiddenBackward(float[] w, float[] v, float x, float dt, float[] dw, float[] dv)
    {
        int c = 0;
        float dx = 0f;
        if (Vector256.IsHardwareAccelerated)
        {
            var acc = Vector256<float>.Zero;
            var vx = Vector256.Create(x); var vdt = Vector256.Create(dt);
            for (; c <= w.Length - 8; c += 8)
            {
                var wc = Vector256.Create(w.AsSpan(c, 8));
                var h = Sigmoid(wc * vx);
                var dth = vdt * h;
                (Vector256.Create(dv.AsSpan(c, 8)) + dth).CopyTo(dv.AsSpan(c, 8));
                var g = dth * Vector256.Create(v.AsSpan(c, 8)) * (Vector256<float>.One - h);
                (Vector256.Create(dw.AsSpan(c, 8)) + g * vx).CopyTo(dw.AsSpan(c, 8));
                acc += g * wc;
            }
            dx = Vector256.Sum(acc);
        }
        for (; c < w.Length; c++)
        {
            float h = Sigmoid(w[c] * x);
            dv[c] += dt * h;
            float g = dt * v[c] * h * (1f - h);
            dw[c] += g * x;
            dx += g * w[c];
        }
        return dx;
    }

    private static (int Lo, int Hi) Range(int chunk, int n) => ((int)((long)n * chunk / Chunks), (int)((long)n * (chunk + 1) / Chunks));
}
