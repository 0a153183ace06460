namespace AgentLab.Numerics;

/// <summary>Layer normalisation over the last axis with a learned gain (init 1) and bias (init 0), as PyTorch.</summary>
public sealed class LayerNorm : Module
{
    public Parameter Gain { get; }
    public Parameter Bias { get; }
    public float Epsilon { get; }

    public LayerNorm(string name, int dim, float epsilon = 1e-5f)
    {
        Gain = new Parameter(name + ".weight", new Tensor(dim));
        Gain.Value.Span.Fill(1f);
        Bias = new Parameter(name + ".bias", new Tensor(dim));
        Epsilon = epsilon;
    }

    public Var Forward(Tape tape, Var x) => tape.LayerNorm(x, Gain, Bias, Epsilon);

    public override IEnumerable<Parameter> Parameters()
    {
        yield return Gain;
        yield return Bias;
    }
}
