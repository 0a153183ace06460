namespace AgentLab.Numerics;

/// <summary>
/// A value in a computation recorded on a <see cref="Tape"/>: its tensor and, once backward has reached it,
/// its gradient. Intermediate vars belong to the tape that made them and live until it is reset.
/// </summary>
public class Var
{
    public Tensor Value { get; }
    public string Name { get; }
    public bool RequiresGrad { get; }

    /// <summary>d(loss)/d(this), accumulated by backward; null until something flows into it.</summary>
    public Tensor? Grad { get; internal set; }

    public Var(Tensor value, string name, bool requiresGrad)
    {
        Value = value;
        Name = name;
        RequiresGrad = requiresGrad;
    }

    public int[] Shape => Value.Shape;
    public override string ToString() => $"{Name}{ShapeOf.Format(Shape)}";
}

/// <summary>
/// A trainable tensor owned by a module. Its gradient buffer is permanent and accumulates across backward
/// passes until <see cref="ZeroGrad"/>, like PyTorch's .grad.
/// </summary>
public sealed class Parameter : Var
{
    public Parameter(string name, Tensor value) : base(value, name, requiresGrad: true)
    {
        Grad = new Tensor(value.Shape);
    }

    public Tensor Gradient => Grad!;

    public void ZeroGrad() => Grad!.Zero();
}
