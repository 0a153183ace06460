namespace AgentLab.Numerics;

/// <summary>
/// Linear layers with ReLU between them (none after the last): sizes [in, h1, ..., out].
/// </summary>
public sealed class Mlp : Module
{
    public IReadOnlyList<Linear> Layers { get; }

    public Mlp(string name, IReadOnlyList<int> sizes, Rng rng, bool bias = true)
    {
        if (sizes.Count < 2) throw new ArgumentException($"mlp \"{name}\": needs at least an input and an output size", nameof(sizes));
        var layers = new List<Linear>();
        for (int i = 0; i + 1 < sizes.Count; i++) layers.Add(new Linear($"{name}.{i}", sizes[i], sizes[i + 1], rng, bias));
        Layers = layers;
    }

    public Var Forward(Tape tape, Var x)
    {
        for (int i = 0; i < Layers.Count; i++)
        {
            x = Layers[i].Forward(tape, x);
            if (i + 1 < Layers.Count) x = tape.Relu(x);
        }
        return x;
    }

    public override IEnumerable<Parameter> Parameters() => Layers.SelectMany(l => l.Parameters());
}
