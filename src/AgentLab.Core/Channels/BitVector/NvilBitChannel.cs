using AgentLab.Numerics;

namespace AgentLab.Channels.BitVector;

/// <summary>
/// NVIL for the bit-vector posterior: the score-function estimator with a learned, input-dependent baseline
/// b(x) (an MLP F→H→1 with ReLU on the encoder's input, trained on (ℓ − b)² by its own Adam), one sample and
/// one decoder call per image. The encoder gets (ℓ − b(x))(z − σ(s))/B + ∂KL/∂s / B.
/// </summary>
public sealed class NvilBitChannel : IBitVectorChannel
{
    private readonly Mlp _baseline;
    private readonly Adam _optimizer;
    private readonly Tape _tape = new();

    public NvilBitChannel(string name, int features, int hidden, float learningRate, Rng rng)
    {
        Name = name;
        _baseline = new Mlp(name + ".baseline", [features, hidden, 1], rng);
        _optimizer = new Adam(_baseline.Parameters(), learningRate);
    }

    public string Name { get; }

    public void Plan(Tensor scores, BitVectorPlan plan, ChannelContext context, bool training) =>
        ScoreFunctionBitChannel.PlanSamples(scores, plan, context, 1);

    public BitVectorOutcome Assess(Tensor scores, BitVectorPlan plan, ReadOnlySpan<float> losses, Tensor inputs, ChannelContext context,
        Tensor dScores)
    {
        int batch = scores.Shape[0];
        if (inputs.Shape[0] != batch) throw new ShapeException($"{Name}: {inputs.Shape[0]} inputs for a batch of {batch}");
        _tape.Reset();
        var baseline = _tape.Reshape(_baseline.Forward(_tape, _tape.Constant(inputs, "inputs")), batch);
        var values = baseline.Value.Data;
        var outcome = ScoreFunctionBitChannel.AddScoreFunctionGradient(scores, plan, losses, values, dScores);
        var dBaseline = new float[batch];
        for (int b = 0; b < batch; b++) dBaseline[b] = 2f * (values[b] - losses[b]) / batch;
        _tape.Backward(baseline, dBaseline);
        _optimizer.Step();
        _optimizer.ZeroGrad();
        _tape.Reset();
        return outcome;
    }

    public void SaveState(ICollection<CheckpointEntry> entries, IDictionary<string, string> metadata)
    {
        TrainingState.AddParameters(entries, _baseline.Parameters(), _optimizer.StepCount);
        TrainingState.AddOptimizer(entries, metadata, _optimizer, Name + ".baseline.adam");
    }

    public void RestoreState(Checkpoint checkpoint)
    {
        TrainingState.LoadParameters(checkpoint, _baseline.Parameters());
        TrainingState.LoadOptimizer(checkpoint, _optimizer, Name + ".baseline.adam");
    }
}
