using AgentLab.Numerics;

namespace AgentLab.Channels.BitVector;

/// <summary>
/// REINFORCE for a factorised Bernoulli posterior (the reference's BitVectorScoreFunctionEstimator): one
/// sample z ~ q per image, surrogate mean_b[(ℓ_b − baseline_b) log q(z_b)] + mean_b ℓ_b + mean_b KL(q_b ‖ prior)
/// with ℓ detached in the first term, so ∂/∂s = (ℓ − baseline)(z − σ(s))/B + ∂KL/∂s / B. The baseline is the
/// running mean of past batch losses (SFE) or the loss of a second independent sample (SFE+, a second decoder
/// call per image, which enters the plan with weight 0).
/// </summary>
public sealed class ScoreFunctionBitChannel : IBitVectorChannel
{
    private readonly bool _sampleBaseline;

    public ScoreFunctionBitChannel(string name, bool sampleBaseline)
    {
        Name = name;
        _sampleBaseline = sampleBaseline;
    }

    public string Name { get; }

    public RunningMeanBaseline Baseline { get; } = new();

    public void Plan(Tensor scores, BitVectorPlan plan, ChannelContext context, bool training) =>
        PlanSamples(scores, plan, context, training && _sampleBaseline ? 2 : 1);

    /// <summary>
    /// <paramref name="samples"/> draws per image: the first of each image (evaluations 0..B−1) is the one
    /// trained on; any second one (evaluations B..2B−1) only serves as a baseline.
    /// </summary>
    internal static void PlanSamples(Tensor scores, BitVectorPlan plan, ChannelContext context, int samples)
    {
        int batch = scores.Shape[0];
        plan.Clear();
        for (int s = 0; s < samples; s++)
            for (int b = 0; b < batch; b++) BernoulliBits.Sample(scores.Row(b), context.Rng, plan.Add(b, s == 0 ? 1f : 0f));
        for (int b = 0; b < batch; b++) plan.Kl[b] = BernoulliBits.KlToUniform(scores.Row(b));
    }

    public BitVectorOutcome Assess(Tensor scores, BitVectorPlan plan, ReadOnlySpan<float> losses, Tensor inputs, ChannelContext context,
        Tensor dScores)
    {
        int batch = scores.Shape[0];
        Span<float> baselines = batch <= 1024 ? stackalloc float[batch] : new float[batch];
        for (int b = 0; b < batch; b++) baselines[b] = _sampleBaseline ? losses[batch + b] : (float)Baseline.Mean;
        var outcome = AddScoreFunctionGradient(scores, plan, losses, baselines, dScores);
        if (!_sampleBaseline) Baseline.Update(outcome.Reconstruction);
        return outcome;
    }

    /// <summary>
    /// Overwrites dScores with (ℓ_b − baseline_b)(z_b − σ(s_b))/B + ∂KL/∂s / B for the first sample of each
    /// image and returns the surrogate's value and the batch means.
    /// </summary>
    internal static BitVectorOutcome AddScoreFunctionGradient(Tensor scores, BitVectorPlan plan, ReadOnlySpan<float> losses,
        ReadOnlySpan<float> baselines, Tensor dScores)
    {
        int batch = scores.Shape[0];
        double invB = 1.0 / batch, reconstruction = 0, kl = 0, surrogate = 0;
        for (int b = 0; b < batch; b++)
        {
            var s = scores.Row(b);
            var z = plan.Message(b);
            var ds = dScores.Row(b);
            double advantage = (losses[b] - baselines[b]) * invB;
            for (int i = 0; i < s.Length; i++) ds[i] = (float)(advantage * (z[i] - BernoulliBits.Probability(s[i])));
            BernoulliBits.AddKlGradient(s, invB, ds);
            surrogate += advantage * BernoulliBits.LogProbability(s, z);
            reconstruction += losses[b];
            kl += plan.Kl[b];
        }
        reconstruction *= invB;
        kl *= invB;
        return new BitVectorOutcome(surrogate + reconstruction + kl, reconstruction, kl, plan.DecoderCallsPerImage);
    }

    public void SaveState(ICollection<CheckpointEntry> entries, IDictionary<string, string> metadata) =>
        Baseline.Save(metadata, Name + ".baseline");

    public void RestoreState(Checkpoint checkpoint) => Baseline.Restore(checkpoint, Name + ".baseline");
}
