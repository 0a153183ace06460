namespace AgentLab.Numerics;

/// <summary>
/// y = x Wᵀ + b with W stored [out, in] as in PyTorch. Initialisation is PyTorch's default
/// (kaiming_uniform with a = √5, which reduces to U(−1/√in, 1/√in) for W, and the same bound for b),
/// so hyper-parameters tuned for the reference code carry over.
/// </summary>
public sealed class Linear : Module
{
    public Parameter Weight { get; }
    public Parameter? Bias { get; }

    public Linear(string name, int inFeatures, int outFeatures, Rng rng, bool bias = true)
    {
        if (inFeatures <= 0 || outFeatures <= 0)
            throw new ArgumentOutOfRangeException(nameof(inFeatures), $"linear \"{name}\": sizes must be positive, got {inFeatures} -> {outFeatures}");
        float bound = 1f / MathF.Sqrt(inFeatures);
        Weight = new Parameter(name + ".weight", new Tensor(outFeatures, inFeatures));
        rng.FillUniform(Weight.Value.Span, -bound, bound);
        if (bias)
        {
            Bias = new Parameter(name + ".bias", new Tensor(outFeatures));
            rng.FillUniform(Bias.Value.Span, -bound, bound);
        }
    }

    public int InFeatures => Weight.Shape[1];
    public int OutFeatures => Weight.Shape[0];

    public Var Forward(Tape tape, Var x) => tape.Linear(x, Weight, Bias);

    public override IEnumerable<Parameter> Parameters()
    {
        yield return Weight;
        if (Bias != null) yield return Bias;
    }
}
