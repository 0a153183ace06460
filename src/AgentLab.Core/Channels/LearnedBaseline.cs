using AgentLab.Numerics;

namespace AgentLab.Channels;

/// <summary>
/// NVIL's input-dependent baseline b(x): an MLP with its own tape and Adam, trained on (L − b)² once per step,
/// and saved with the channel that owns it.
/// </summary>
public sealed class LearnedBaseline
{
    private readonly Mlp _network;
    private readonly Adam _optimizer;
    private readonly string _name;

    /// <param name="name">Prefix of the parameters' and optimizer's checkpoint names ("nvil.baseline").</param>
    /// <param name="sizes">[in, hidden..., 1].</param>
    public LearnedBaseline(string name, IReadOnlyList<int> sizes, float learningRate, Rng rng)
    {
        _name = name;
        _network = new Mlp(name, sizes, rng);
        _optimizer = new Adam(_network.Parameters(), learningRate);
    }

    /// <summary>The tape the baseline's forward pass is recorded on (reset it before recording a step).</summary>
    public Tape Tape { get; } = new();

    /// <summary>b for each row of <paramref name="input"/> (recorded on <see cref="Tape"/>), shape [rows].</summary>
    public Var Forward(Var input) => Tape.Reshape(_network.Forward(Tape, input), input.Shape[0]);

    /// <summary>One Adam step on ½ Σ_b (L_b − b_b)²-type losses given d loss / d b, then a fresh tape.</summary>
    public void Train(Var baseline, ReadOnlySpan<float> dBaseline)
    {
        Tape.Backward(baseline, dBaseline);
        _optimizer.Step();
        _optimizer.ZeroGrad();
        Tape.Reset();
    }

    public void Save(ICollection<CheckpointEntry> entries, IDictionary<string, string> metadata)
    {
        TrainingState.AddParameters(entries, _network.Parameters(), _optimizer.StepCount);
        TrainingState.AddOptimizer(entries, metadata, _optimizer, _name + ".adam");
    }

    public void Restore(Checkpoint checkpoint)
    {
        TrainingState.LoadParameters(checkpoint, _network.Parameters());
        TrainingState.LoadOptimizer(checkpoint, _optimizer, _name + ".adam");
    }
}
