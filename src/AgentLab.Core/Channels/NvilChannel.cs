using AgentLab.Numerics;

namespace AgentLab.Channels;

/// <summary>
/// NVIL: the score-function estimator with a learned, input-dependent baseline. The baseline network
/// (F→512→512→512→1, ReLU) reads the mean of the game's candidate features and is trained on (L − b)²;
/// the sender gets (L − b)·∇log p(z) − c·∇H(p); the receiver is trained pathwise on L = −log q(target | z).
/// Which of "mean of the images" and "mean of per-image baselines" the reference meant by "on the 16
/// images, averaged" is ambiguous; the mean input is used here because it costs one small MLP per game.
/// </summary>
public sealed class NvilChannel : IChannel
{
    private readonly float _entropyCoefficient;
    private readonly LearnedBaseline _baseline;
    private Tensor? _probs;

    public NvilChannel(string name, float entropyCoefficient, int features, float learningRate, Rng rng, int hidden = 512)
    {
        Name = name;
        _entropyCoefficient = entropyCoefficient;
        _baseline = new LearnedBaseline(name + ".baseline", [features, hidden, hidden, hidden, 1], learningRate, rng);
    }

    public string Name { get; }

    public void Plan(Tensor scores, MessagePlan plan, ChannelContext context)
    {
        int batch = scores.Shape[0], vocab = scores.Shape[1];
        if (_probs == null || _probs.Length != scores.Length) _probs = new Tensor(batch, vocab);
        plan.ClearPairs();
        for (int b = 0; b < batch; b++)
        {
            RowKernels.Softmax(scores.Row(b), _probs.Row(b));
            plan.AddPair(b, context.Rng.NextCategorical(_probs.Row(b)), 1f);
        }
        plan.MeanNonzeros = 1f;
    }

    public StepOutcome Assess(Tensor scores, MessagePlan plan, Tensor logProbs, int[] targets, ChannelContext context,
        Span<float> dLogProbs, Tensor dScores)
    {
        var probs = _probs ?? throw new InvalidOperationException($"{Name}: no plan yet");
        var candidates = context.Candidates ?? throw new InvalidOperationException($"{Name}: the baseline needs the games' candidates");
        int batch = plan.Batch, g = logProbs.LastDim;
        float invB = 1f / batch, c = _entropyCoefficient;
        var baseline = Baseline(candidates, batch);
        dLogProbs[..(plan.Count * g)].Clear();
        dScores.Zero();
        var dBaseline = new float[batch];
        double loss = 0, success = 0, entropy = 0, objective = 0;
        for (int b = 0; b < batch; b++)
        {
            var lq = logProbs.Row(b);
            var p = probs.Row(b);
            float lossB = -lq[targets[b]], b0 = baseline.Value.Data[b];
            float advantage = (lossB - b0) * invB;
            int z = plan.Symbol[b];
            var ds = dScores.Row(b);
            for (int i = 0; i < ds.Length; i++) ds[i] = -advantage * p[i];
            ds[z] += advantage;
            Entropy.AddSoftmaxGradientWrtScores(p, -c * invB, ds);
            dLogProbs[b * g + targets[b]] -= invB;
            dBaseline[b] = 2f * (b0 - lossB) * invB;
            loss += lossB;
            entropy += Entropy.Of(p);
            if (RowKernels.ArgMax(lq) == targets[b]) success++;
            objective += (lossB - b0) * MathF.Log(p[z]) * invB + (lossB - b0) * (lossB - b0) * invB;
        }
        _baseline.Train(baseline, dBaseline);
        double meanLoss = loss * invB, meanEntropy = entropy * invB;
        return new StepOutcome((float)(objective + meanLoss - c * meanEntropy), (float)meanLoss, (float)(success * invB),
            (float)meanEntropy, plan.ReceiverCallsPerGame, 1f);
    }

    /// <summary>b = MLP(mean of the G candidate feature vectors), one per game, recorded on the channel's tape.</summary>
    private Var Baseline(Tensor candidates, int batch)
    {
        int games = candidates.Shape[0];
        if (games != batch) throw new ShapeException($"{Name}: {games} games of candidates for a batch of {batch}");
        var tape = _baseline.Tape;
        tape.Reset();
        return _baseline.Forward(tape.Mean(tape.Constant(candidates, "candidates"), 1));
    }

    public void AddMessageCotangent(MessagePlan plan, Tensor dMessages, Tensor dScores) =>
        throw new InvalidOperationException($"{Name} sends discrete messages; there is no message cotangent");

    public void SaveState(ICollection<CheckpointEntry> entries, IDictionary<string, string> metadata) => _baseline.Save(entries, metadata);

    public void RestoreState(Checkpoint checkpoint) => _baseline.Restore(checkpoint);
}
