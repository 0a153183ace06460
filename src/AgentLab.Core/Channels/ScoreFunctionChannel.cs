using AgentLab.Numerics;

namespace AgentLab.Channels;

/// <summary>
/// REINFORCE (score-function estimator) over one sampled message z_b ~ softmax(s_b):
/// objective = mean_b[(L_b − baseline_b)(log p(z_b) + log q(pick_b | z_b))] + mean_b L_b − c(mean H(p) + mean H(q)),
/// the log q and H(q) terms only with the 0/1 loss (where the receiver samples its pick), L_b detached.
/// The baseline is the running mean of past losses (SFE), or, for SFE+, the loss of a second independent
/// sample (message and pick) from the same distributions, which costs a second receiver call.
/// </summary>
public sealed class ScoreFunctionChannel : IChannel
{
    private readonly SfeLoss _loss;
    private readonly bool _sampleBaseline;
    private readonly float _entropyCoefficient;
    private Tensor? _probs;
    private float[] _losses = [];
    private int[] _picks = [];

    public ScoreFunctionChannel(string name, SfeLoss loss, bool sampleBaseline, float entropyCoefficient)
    {
        Name = name;
        _loss = loss;
        _sampleBaseline = sampleBaseline;
        _entropyCoefficient = entropyCoefficient;
    }

    public string Name { get; }
    public RunningMeanBaseline Baseline { get; } = new();

    /// <summary>When set, replaces the random draws in call order (sender z, then picks) — for golden tests.</summary>
    public Func<int>? ForcedDraws { get; set; }

    public void Plan(Tensor scores, MessagePlan plan, ChannelContext context)
    {
        int batch = scores.Shape[0], vocab = scores.Shape[1];
        if (_probs == null || _probs.Length != scores.Length) _probs = new Tensor(batch, vocab);
        for (int b = 0; b < batch; b++) RowKernels.Softmax(scores.Row(b), _probs.Row(b));
        plan.ClearPairs();
        int samples = _sampleBaseline ? 2 : 1;
        // Draw order as in the reference: all first samples, then (for SFE+) all baseline samples, which
        // enter the loss only as baselines (weight 0).
        for (int s = 0; s < samples; s++)
            for (int b = 0; b < batch; b++) plan.AddPair(b, Draw(context, _probs.Row(b)), s == 0 ? 1f : 0f);
        plan.MeanNonzeros = 1f;
    }

    public StepOutcome Assess(Tensor scores, MessagePlan plan, Tensor logProbs, int[] targets, ChannelContext context,
        Span<float> dLogProbs, Tensor dScores)
    {
        var probs = _probs ?? throw new InvalidOperationException($"{Name}: no plan yet");
        int batch = plan.Batch;
        float invB = 1f / batch, c = _entropyCoefficient;
        if (_losses.Length < plan.Count) { _losses = new float[plan.Count]; _picks = new int[plan.Count]; }
        dLogProbs[..(plan.Count * logProbs.LastDim)].Clear();
        dScores.Zero();

        // Losses of every evaluated sample (the SFE+ baseline samples come second, also with their picks).
        double success = 0, entropyP = 0, entropyQ = 0;
        for (int e = 0; e < plan.Count; e++)
        {
            var lq = logProbs.Row(e);
            int b = plan.Game[e];
            if (_loss == SfeLoss.ZeroOne)
            {
                _picks[e] = Draw(context, lq, fromLog: true);
                _losses[e] = _picks[e] == targets[b] ? -1f : 0f;
            }
            else _losses[e] = -lq[targets[b]];
        }

        double meanLoss = 0;
        for (int b = 0; b < batch; b++)
        {
            var lq = logProbs.Row(b);
            var p = probs.Row(b);
            float lossB = _losses[b];
            meanLoss += lossB;
            float baseline = _sampleBaseline ? _losses[batch + b] : (float)Baseline.Mean;
            float advantage = (lossB - baseline) * invB;
            int z = plan.Symbol[b];
            success += _loss == SfeLoss.ZeroOne ? -lossB : (RowKernels.ArgMax(lq) == targets[b] ? 1 : 0);

            // Sender: advantage · ∇ log p(z) = advantage · (onehot(z) − p), minus the entropy bonus.
            var ds = dScores.Row(b);
            for (int i = 0; i < ds.Length; i++) ds[i] = -advantage * p[i];
            ds[z] += advantage;
            entropyP += Entropy.Of(p);
            Entropy.AddSoftmaxGradientWrtScores(p, -c * invB, ds);

            var dlq = dLogProbs.Slice(b * logProbs.LastDim, logProbs.LastDim);
            if (_loss == SfeLoss.ZeroOne)
            {
                // Receiver: advantage · ∇ log q(pick), and −c·H(q) with dH/dlog q_i = −q_i (log q_i + 1).
                dlq[_picks[b]] += advantage;
                float hq = 0f;
                for (int i = 0; i < lq.Length; i++)
                {
                    float q = MathF.Exp(lq[i]);
                    hq -= q * lq[i];
                    dlq[i] += c * invB * q * (lq[i] + 1f);
                }
                entropyQ += hq;
            }
            else dlq[targets[b]] -= invB;
        }
        meanLoss *= invB;
        // The value of the surrogate objective, as the reference reports it.
        double objective = 0;
        for (int b = 0; b < batch; b++)
        {
            float baseline = _sampleBaseline ? _losses[batch + b] : (float)Baseline.Mean;
            float logP = MathF.Log(probs.Row(b)[plan.Symbol[b]]);
            float logQ = _loss == SfeLoss.ZeroOne ? logProbs.Row(b)[_picks[b]] : 0f;
            objective += (_losses[b] - baseline) * (logP + logQ) * invB;
        }
        objective += meanLoss - c * (entropyP + entropyQ) * invB;
        if (!_sampleBaseline) Baseline.Update(meanLoss);
        return new StepOutcome((float)objective, (float)meanLoss, (float)(success * invB), (float)(entropyP * invB),
            plan.ReceiverCallsPerGame, 1f);
    }

    public void AddMessageCotangent(MessagePlan plan, Tensor dMessages, Tensor dScores) =>
        throw new InvalidOperationException($"{Name} sends discrete messages; there is no message cotangent");

    public void SaveState(ICollection<CheckpointEntry> entries, IDictionary<string, string> metadata) =>
        Baseline.Save(metadata, Name + ".baseline");

    public void RestoreState(Checkpoint checkpoint) => Baseline.Restore(checkpoint, Name + ".baseline");

    private int Draw(ChannelContext context, ReadOnlySpan<float> probsOrLogProbs, bool fromLog = false)
    {
        if (ForcedDraws != null) return ForcedDraws();
        if (!fromLog) return context.Rng.NextCategorical(probsOrLogProbs);
        Span<float> q = stackalloc float[probsOrLogProbs.Length];
        for (int i = 0; i < q.Length; i++) q[i] = MathF.Exp(probsOrLogProbs[i]);
        return context.Rng.NextCategorical(q);
    }
}
