using AgentLab.Channels;
using AgentLab.Numerics;

namespace AgentLab.Games.Referential;

/// <summary>
/// Plays a fixed game set without training: the channel plans as in training (from its own evaluation
/// stream, so sampling channels are scored on samples), the receiver decodes, and receiver calls and
/// nonzeros are counted from the plans, not assumed.
/// </summary>
public sealed class Evaluator
{
    private readonly GameBatch _batch;
    private readonly MessagePlan _plan, _greedy;

    public Evaluator(int batchSize, int candidates, int features, int vocab)
    {
        _batch = new GameBatch(batchSize, candidates, features);
        _plan = new MessagePlan(batchSize, vocab, vocab);
        _greedy = new MessagePlan(batchSize, vocab, 1);
    }

    public EvaluationResult Run(GameSet games, SenderLearner sender, ReceiverLearner receiver, IChannel channel, ChannelContext context)
    {
        double success = 0, greedy = 0, calls = 0, nonzeros = 0;
        int played = 0;
        for (int start = 0; start < games.Count; start += _batch.Size)
        {
            int n = games.Fill(_batch, start);
            var scores = sender.EncodeForEvaluation(_batch.Targets);
            channel.Plan(scores, _plan, context);
            var logProbs = receiver.DecodeForEvaluation(_batch.Candidates, _plan);
            success += WeightedSuccess(_plan, logProbs, n);
            calls += CountPairs(_plan, n);
            nonzeros += CountNonzeros(_plan, n);
            PlanGreedy(scores, _plan.IsContinuous);
            greedy += WeightedSuccess(_greedy, receiver.DecodeForEvaluation(_batch.Candidates, _greedy), n);
            played += n;
        }
        return new EvaluationResult(played, success / played, greedy / played, calls / played, nonzeros / played);
    }

    private double WeightedSuccess(MessagePlan plan, Tensor logProbs, int games)
    {
        double total = 0;
        for (int e = 0; e < plan.Count; e++)
        {
            int b = plan.Game[e];
            if (b >= games || plan.Weight[e] == 0f) continue;
            if (RowKernels.ArgMax(logProbs.Row(e)) == _batch.TargetIndex[b]) total += plan.Weight[e];
        }
        return total;
    }

    private static int CountPairs(MessagePlan plan, int games)
    {
        if (plan.IsContinuous) return games;
        int count = 0;
        for (int e = 0; e < plan.Count; e++) if (plan.Game[e] < games) count++;
        return count;
    }

    /// <summary>
    /// Nonzero message coordinates over the first <paramref name="games"/> games (a partial last batch's
    /// other rows hold no game of the set). A discrete plan's nonzeros (the channel's per-game figure: its
    /// support for marginalization, one symbol per message for sampling) are shared out over its pairs;
    /// vector messages count their nonzero entries (straight-through stores zeros too).
    /// </summary>
    private static double CountNonzeros(MessagePlan plan, int games)
    {
        if (!plan.IsContinuous) return (double)plan.MeanNonzeros * plan.Batch * CountPairs(plan, games) / plan.Count;
        long count = 0;
        var value = plan.MessageValue.Data;
        for (int k = 0; k < plan.MessageStart[games]; k++) if (value[k] != 0f) count++;
        return count;
    }

    private void PlanGreedy(Tensor scores, bool continuous)
    {
        _greedy.ClearPairs();
        if (continuous)
        {
            _greedy.UseVectors();
            for (int b = 0; b < scores.Shape[0]; b++) _greedy.AddVertexMessage(RowKernels.ArgMax(scores.Row(b)));
        }
        else
            for (int b = 0; b < scores.Shape[0]; b++) _greedy.AddPair(b, RowKernels.ArgMax(scores.Row(b)), 1f);
    }
}
