using AgentLab.Numerics;

namespace AgentLab.Games.Referential;

/// <summary>
/// The seeds' sender: e = W1 x (no bias); u_j = σ(Σ_c v_c σ(w_c e_j)) with one shared scalar network;
/// scores s = W4 u / 10. Parameter names and layouts follow the research code (lin1, conv2, conv3, lin4) so
/// its weights load as they are. Initialisation is PyTorch's default for each reference layer: Linear
/// U(±1/√in); conv2 (a 1×1 convolution, fan-in 1) U(±1); conv3 (kernel H×1, fan-in H) U(±1/√H).
/// </summary>
public sealed class SenderNetwork : Module
{
    public const float ScoreTemperature = 10f;

    public SenderNetwork(int features, int embedding, int hidden, int vocab, Rng rng, string name = "sender")
    {
        Lin1 = new Linear(name + ".lin1", features, embedding, rng, bias: false);
        Conv2 = new Parameter(name + ".conv2.weight", new Tensor(hidden, 1));
        rng.FillUniform(Conv2.Value.Span, -1f, 1f);
        Conv3 = new Parameter(name + ".conv3.weight", new Tensor(1, hidden));
        float bound = 1f / MathF.Sqrt(hidden);
        rng.FillUniform(Conv3.Value.Span, -bound, bound);
        Lin4 = new Linear(name + ".lin4", embedding, vocab, rng, bias: false);
    }

    public Linear Lin1 { get; }
    public Parameter Conv2 { get; }
    public Parameter Conv3 { get; }
    public Linear Lin4 { get; }
    public int Vocab => Lin4.OutFeatures;

    /// <summary>Message scores [B, V] for target features [B, F].</summary>
    public Var Forward(Tape tape, Var targets)
    {
        var e = Lin1.Forward(tape, targets);
        var u = tape.SharedScalarNet(e, Conv2, Conv3);
        return tape.Scale(Lin4.Forward(tape, u), 1f / ScoreTemperature);
    }

    public override IEnumerable<Parameter> Parameters() => [Lin1.Weight, Conv2, Conv3, Lin4.Weight];
}
