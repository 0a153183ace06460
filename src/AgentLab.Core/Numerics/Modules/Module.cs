namespace AgentLab.Numerics;

/// <summary>A piece of a network that owns parameters. Names are dotted paths ("sender.w1.weight").</summary>
public abstract class Module
{
    public abstract IEnumerable<Parameter> Parameters();

    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.ZeroGrad();
    }

    public int ParameterCount() => Parameters().Sum(p => p.Value.Length);
}
