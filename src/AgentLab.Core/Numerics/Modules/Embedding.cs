namespace AgentLab.Numerics;

/// <summary>A [count, dim] lookup table, initialised N(0, 1) like PyTorch's nn.Embedding.</summary>
public sealed class Embedding : Module
{
    public Parameter Table { get; }

    public Embedding(string name, int count, int dim, Rng rng)
    {
        if (count <= 0 || dim <= 0)
            throw new ArgumentOutOfRangeException(nameof(count), $"embedding \"{name}\": sizes must be positive, got {count} x {dim}");
        Table = new Parameter(name + ".weight", new Tensor(count, dim));
        rng.FillNormal(Table.Value.Span, 0f, 1f);
    }

    public int Count => Table.Shape[0];
    public int Dim => Table.Shape[1];

    /// <summary>Rows for the ids, [ids.Length, dim]; ids must stay unchanged until backward.</summary>
    public Var Forward(Tape tape, int[] ids) => tape.Gather(Table, ids);

    public override IEnumerable<Parameter> Parameters()
    {
        yield return Table;
    }
}
