using System.Numerics;

namespace AgentLab.Numerics;

/// <summary>
/// Adam with PyTorch's semantics (torch.optim.Adam, amsgrad off): weight decay is L2 added to the gradient
/// (not AdamW), bias corrections as in the paper, and eps added after dividing √v by √(1−β₂ᵗ):
/// p −= (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + eps).
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly Tensor[] _m, _v;

    public Adam(IEnumerable<Parameter> parameters, float learningRate = 1e-3f,
        float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f)
        : base(parameters, learningRate)
    {
        Beta1 = beta1; Beta2 = beta2; Epsilon = epsilon; WeightDecay = weightDecay;
        _m = Parameters.Select(p => new Tensor(p.Shape)).ToArray();
        _v = Parameters.Select(p => new Tensor(p.Shape)).ToArray();
    }

    public float Beta1 { get; }
    public float Beta2 { get; }
    public float Epsilon { get; }
    public float WeightDecay { get; }

    public override void Step()
    {
        StepCount++;
        float bc1 = 1f - MathF.Pow(Beta1, StepCount);
        float bc2Sqrt = MathF.Sqrt(1f - MathF.Pow(Beta2, StepCount));
        float stepSize = LearningRate / bc1;
        for (int k = 0; k < Parameters.Count; k++)
            Update(Parameters[k].Value.Span, Parameters[k].Gradient.Span, _m[k].Span, _v[k].Span, stepSize, bc2Sqrt);
    }

    private void Update(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, float stepSize, float bc2Sqrt)
    {
        float b1 = Beta1, b2 = Beta2, eps = Epsilon, wd = WeightDecay;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<float>.Count;
            var vb1 = new Vector<float>(b1); var vb1c = new Vector<float>(1f - b1);
            var vb2 = new Vector<float>(b2); var vb2c = new Vector<float>(1f - b2);
            var veps = new Vector<float>(eps); var vwd = new Vector<float>(wd);
            var vstep = new Vector<float>(stepSize); var vbc2 = new Vector<float>(bc2Sqrt);
            for (; i <= p.Length - w; i += w)
            {
                var pv = new Vector<float>(p[i..]);
                var gv = new Vector<float>(g[i..]) + vwd * pv;
                var mv = vb1 * new Vector<float>(m[i..]) + vb1c * gv;
                var vv = vb2 * new Vector<float>(v[i..]) + vb2c * gv * gv;
                mv.CopyTo(m[i..]);
                vv.CopyTo(v[i..]);
                (pv - vstep * mv / (Vector.SquareRoot(vv) / vbc2 + veps)).CopyTo(p[i..]);
            }
        }
        for (; i < p.Length; i++)
        {
            float gi = g[i] + wd * p[i];
            m[i] = b1 * m[i] + (1f - b1) * gi;
            v[i] = b2 * v[i] + (1f - b2) * gi * gi;
            p[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) / bc2Sqrt + eps);
        }
    }

    public override IEnumerable<(string Name, Tensor Value)> State()
    {
        for (int k = 0; k < Parameters.Count; k++)
        {
            yield return ("adam.m." + Parameters[k].Name, _m[k]);
            yield return ("adam.v." + Parameters[k].Name, _v[k]);
        }
    }
}
