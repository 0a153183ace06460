namespace AgentLab.Numerics;

/// <summary>
/// Updates a fixed list of parameters from their accumulated gradients. Its state (moments, step count)
/// is exported by name so a checkpoint restores a run exactly.
/// </summary>
public abstract class Optimizer
{
    protected Optimizer(IEnumerable<Parameter> parameters, float learningRate)
    {
        Parameters = parameters.ToArray();
        if (Parameters.Count == 0) throw new ArgumentException("optimizer: no parameters to optimise");
        var duplicate = Parameters.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null) throw new ArgumentException($"optimizer: two parameters are named \"{duplicate.Key}\"");
        LearningRate = learningRate;
    }

    public IReadOnlyList<Parameter> Parameters { get; }
    public float LearningRate { get; set; }

    /// <summary>Number of steps taken so far.</summary>
    public long StepCount { get; protected set; }

    public abstract void Step();

    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.ZeroGrad();
    }

    /// <summary>Named state tensors (e.g. "adam.m.sender.w1.weight"); the step count travels separately.</summary>
    public abstract IEnumerable<(string Name, Tensor Value)> State();

    /// <summary>
    /// Restores state exported by <see cref="State"/> for the same parameter list: <paramref name="fill"/>
    /// receives each state tensor by name and writes the saved values into it.
    /// </summary>
    public void LoadState(long stepCount, Action<string, Tensor> fill)
    {
        foreach (var (name, value) in State()) fill(name, value);
        StepCount = stepCount;
    }
}
