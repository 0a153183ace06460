using AgentLab.Channels;
using AgentLab.Numerics;

namespace AgentLab.Games.Tests.Channels;

/// <summary>
/// Estimators on a tiny game whose receiver is a fixed table of log-probabilities: marginalization's
/// gradient is the exact gradient (finite differences of the objective), and the gradients of SFE, SFE+
/// and NVIL averaged over many samples approach it.
/// </summary>
public class EstimatorGradientTests
{
    private const int Batch = 3, Vocab = 6, Candidates = 4;
    private static readonly int[] Targets = [1, 3, 0];

    /// <summary>log q(i | game b, message z), fixed: [B, V, G]; <paramref name="targetBoost"/>[b] raises game b's target logit for every message.</summary>
    private static float[] ReceiverTable(float[]? targetBoost = null)
    {
        var rng = new Rng(3);
        var table = new float[Batch * Vocab * Candidates];
        rng.FillNormal(table, 0f, 1.5f);
        for (int r = 0; r < Batch * Vocab; r++)
        {
            var row = table.AsSpan(r * Candidates, Candidates);
            if (targetBoost != null) row[Targets[r / Vocab]] += targetBoost[r / Vocab];
            float lse = RowKernels.LogSumExp(row);
            for (int i = 0; i < Candidates; i++) row[i] -= lse;
        }
        return table;
    }

    private static Tensor Scores()
    {
        var s = new Tensor(Batch, Vocab);
        new Rng(11).FillNormal(s.Span, 0f, 0.6f);
        return s;
    }

    /// <summary>Plans, looks up the receiver's log-probabilities for the plan, and assesses.</summary>
    private static (StepOutcome Outcome, Tensor DScores, float[] DLogProbs, MessagePlan Plan) Step(IChannel channel, Tensor scores, float[] table, Rng rng,
        Tensor? candidates = null)
    {
        var plan = new MessagePlan(Batch, Vocab, Vocab);
        var context = new ChannelContext(rng) { Candidates = candidates };
        channel.Plan(scores, plan, context);
        var logProbs = new Tensor(plan.Count, Candidates);
        for (int e = 0; e < plan.Count; e++)
            table.AsSpan((plan.Game[e] * Vocab + plan.Symbol[e]) * Candidates, Candidates).CopyTo(logProbs.Row(e));
        var dScores = new Tensor(Batch, Vocab);
        var dLogProbs = new float[Batch * Vocab * Candidates];
        var outcome = channel.Assess(scores, plan, logProbs, Targets, context, dLogProbs, dScores);
        return (outcome, dScores, dLogProbs, plan);
    }

    public static TheoryData<string> Maps => new() { "softmax", "sparsemax", "entmax15" };

    private static IProbabilityMap Map(string name) => name switch
    {
        "softmax" => new SoftmaxMap(),
        "sparsemax" => new SparsemaxMap(),
        _ => new Entmax15Map(),
    };

    [Theory]
    [MemberData(nameof(Maps))]
    public void MarginalizationGradientIsTheExactGradientOfItsObjective(string map)
    {
        var table = ReceiverTable();
        var scores = Scores();
        var channel = new MarginalizationChannel(map, Map(map), 0.1f);
        var (_, dScores, _, _) = Step(channel, scores, table, new Rng(1));
        const float h = 1e-3f;
        for (int i = 0; i < scores.Length; i++)
        {
            float saved = scores.Data[i];
            scores.Data[i] = saved + h; double up = Step(channel, scores, table, new Rng(1)).Outcome.Objective;
            scores.Data[i] = saved - h; double down = Step(channel, scores, table, new Rng(1)).Outcome.Objective;
            scores.Data[i] = saved;
            double fd = (up - down) / (2 * h);
            Assert.True(Math.Abs(fd - dScores.Data[i]) < 2e-3, $"{map}: d/ds[{i}] finite difference {fd:G6}, channel {dScores.Data[i]:G6}");
        }
    }

    [Fact]
    public void SparsemaxPlansOnlyItsSupportAndCountsIt()
    {
        var scores = Scores();
        scores.Data[0] = 3f; // game 0: a clear winner, support 1
        var channel = new MarginalizationChannel("sparsemax-marg", new SparsemaxMap(), 0.1f);
        var (outcome, _, _, plan) = Step(channel, scores, ReceiverTable(), new Rng(1));
        int support = channel.Probabilities.Data.Count(p => p > 0f);
        Assert.Equal(support, plan.Count);
        Assert.Equal((float)support / Batch, outcome.ReceiverCalls);
        Assert.Equal(1, Enumerable.Range(0, plan.Count).Count(e => plan.Game[e] == 0));
        Assert.True(support < Batch * Vocab);
    }

    [Theory]
    [InlineData(SfeLoss.NegativeLogLikelihood, false)]
    [InlineData(SfeLoss.NegativeLogLikelihood, true)]
    public void ScoreFunctionGradientAveragesToTheExactGradient(SfeLoss loss, bool sampleBaseline)
    {
        var table = ReceiverTable();
        var scores = Scores();
        // Exact: dense marginalization of the same loss without an entropy bonus.
        var (_, exact, _, _) = Step(new MarginalizationChannel("dense", new SoftmaxMap(), 0f), scores, table, new Rng(1));
        var sfe = new ScoreFunctionChannel("sfe", loss, sampleBaseline, 0f);
        var mean = new double[scores.Length];
        const int samples = 40_000;
        var rng = new Rng(99);
        for (int n = 0; n < samples; n++)
        {
            var (_, d, _, _) = Step(sfe, scores, table, rng);
            for (int i = 0; i < mean.Length; i++) mean[i] += d.Data[i] / samples;
        }
        for (int i = 0; i < mean.Length; i++)
            Assert.True(Math.Abs(mean[i] - exact.Data[i]) < 0.01, $"d/ds[{i}]: SFE mean {mean[i]:F4}, exact {exact.Data[i]:F4}");
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.1f)]
    public void NvilGradientAveragesToTheExactGradientWhileItsBaselineLearns(float entropyCoefficient)
    {
        // The learned baseline reads only the game's candidates, never the sampled message, so each step's
        // estimate is unbiased even though the baseline changes from step to step.
        const int features = 5;
        // Games whose expected losses differ (easy, ordinary, hard), so that a per-game baseline matters.
        var table = ReceiverTable(targetBoost: [4f, 0f, -4f]);
        var scores = Scores();
        var candidates = new Tensor(Batch, Candidates, features);
        new Rng(17).FillNormal(candidates.Span);
        var (_, exact, exactDLogProbs, exactPlan) = Step(new MarginalizationChannel("dense", new SoftmaxMap(), entropyCoefficient), scores, table, new Rng(1));
        var nvil = new NvilChannel("nvil", entropyCoefficient, features, learningRate: 1e-2f, new Rng(5), hidden: 8);
        var sfe = new ScoreFunctionChannel("sfe-nll", SfeLoss.NegativeLogLikelihood, sampleBaseline: false, entropyCoefficient);
        var mean = new double[scores.Length];
        var receiverMean = new double[Batch * Vocab * Candidates];
        double nvilSquaredError = 0, sfeSquaredError = 0;
        const int samples = 40_000;
        var rng = new Rng(99);
        for (int n = 0; n < samples; n++)
        {
            var (_, d, dLogProbs, plan) = Step(nvil, scores, table, rng, candidates);
            var (_, dSfe, _, _) = Step(sfe, scores, table, rng);
            for (int i = 0; i < mean.Length; i++) mean[i] += d.Data[i] / samples;
            if (n >= samples / 2)
                for (int i = 0; i < mean.Length; i++)
                {
                    nvilSquaredError += Math.Pow(d.Data[i] - exact.Data[i], 2);
                    sfeSquaredError += Math.Pow(dSfe.Data[i] - exact.Data[i], 2);
                }
            // The receiver's cotangent lands on the sampled message's row; scatter it to (game, message).
            for (int e = 0; e < plan.Count; e++)
                for (int i = 0; i < Candidates; i++)
                    receiverMean[(plan.Game[e] * Vocab + plan.Symbol[e]) * Candidates + i] += dLogProbs[e * Candidates + i] / samples;
        }
        for (int i = 0; i < mean.Length; i++)
            Assert.True(Math.Abs(mean[i] - exact.Data[i]) < 0.01, $"c = {entropyCoefficient}, d/ds[{i}]: NVIL mean {mean[i]:F4}, exact {exact.Data[i]:F4}");
        // Marginalization's cotangent is p(z | game) · d(-log q(target))/d log q, over the (game, message) pairs of its plan.
        var exactReceiver = new double[receiverMean.Length];
        for (int e = 0; e < exactPlan.Count; e++)
            for (int i = 0; i < Candidates; i++)
                exactReceiver[(exactPlan.Game[e] * Vocab + exactPlan.Symbol[e]) * Candidates + i] = exactDLogProbs[e * Candidates + i];
        for (int i = 0; i < receiverMean.Length; i++)
            Assert.True(Math.Abs(receiverMean[i] - exactReceiver[i]) < 0.01, $"c = {entropyCoefficient}, d/dlog q[{i}]: NVIL mean {receiverMean[i]:F4}, exact {exactReceiver[i]:F4}");
        // What the learned baseline is for: once trained, a per-game baseline leaves less variance than
        // SFE's one running mean over games whose expected losses differ.
        Assert.True(nvilSquaredError < 0.8 * sfeSquaredError, $"c = {entropyCoefficient}: NVIL squared error {nvilSquaredError:G4}, SFE {sfeSquaredError:G4}");
    }
}
