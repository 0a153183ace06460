using AgentLab.Numerics;

namespace AgentLab.Channels.BitVector;

/// <summary>
/// NVIL for the bit-vector posterior (the reference's BitVectorNVIL): the score-function estimator with a
/// learned, input-dependent baseline b(x) (the reference's BaselineNN, F→H→H→H→1 with ReLU and H = 512, on the
/// encoder's input, trained on (ℓ − b)² at the same learning rate), one sample and one decoder call per image. The encoder gets (ℓ − b(x))(z − σ(s))/B + ∂KL/∂s / B.
/// </summary>
public sealed class NvilBitChannel : IBitVectorChannel
{
    private readonly LearnedBaseline _baseline;

    public NvilBitChannel(string name, int features, float learningRate, Rng rng, int hidden = 512)
    {
        Name = name;
        _baseline = new LearnedBaseline(name + ".baseline", [features, hidden, hidden, hidden, 1], learningRate, rng);
    }

    public string Name { get; }

    public void Plan(Tensor scores, BitVectorPlan plan, ChannelContext context, bool training) =>
        ScoreFunctionBitChannel.PlanSamples(scores, plan, context, 1);

    public BitVectorOutcome Assess(Tensor scores, BitVectorPlan plan, ReadOnlySpan<float> losses, Tensor inputs, ChannelContext context,
        Tensor dScores)
    {
        int batch = scores.Shape[0];
        if (inputs.Shape[0] != batch) throw new ShapeException($"{Name}: {inputs.Shape[0]} inputs for a batch of {batch}");
        _baseline.Tape.Reset();
        var baseline = _baseline.Forward(_baseline.Tape.Constant(inputs, "inputs"));
        var values = baseline.Value.Data;
        var outcome = ScoreFunctionBitChannel.AddScoreFunctionGradient(scores, plan, losses, values, dScores);
        var dBaseline = new float[batch];
        for (int b = 0; b < batch; b++) dBaseline[b] = 2f * (values[b] - losses[b]) / batch;
        _baseline.Train(baseline, dBaseline);
        return outcome;
    }

    public void SaveState(ICollection<CheckpointEntry> entries, IDictionary<string, string> metadata) => _baseline.Save(entries, metadata);

    public void RestoreState(Checkpoint checkpoint) => _baseline.Restore(checkpoint);
}
