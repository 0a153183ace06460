using AgentLab.Channels;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Games.Referential;

/// <summary>Means of the step outcomes since the last logging point, and the training speed over it.</summary>
internal sealed class IntervalAverages(double startSeconds = 0, long startGames = 0)
{
    private double _objective, _loss, _success, _entropy, _calls, _nonzeros;
    private double _vertexFraction, _directSumEntropy;
    private int _steps, _vectorSteps, _entropySteps;

    /// <summary>Adds a step; <paramref name="messages"/> is what a vector-message channel measured (mixed channels).</summary>
    public void Add(StepOutcome o, MessageStatistics? messages = null)
    {
        _objective += o.Objective; _loss += o.TaskLoss; _success += o.Success;
        _entropy += o.Entropy; _calls += o.ReceiverCalls; _nonzeros += o.Nonzeros;
        _steps++;
        if (messages is not { } m) return;
        if (!double.IsNaN(m.VertexFraction)) { _vertexFraction += m.VertexFraction; _vectorSteps++; }
        if (!double.IsNaN(m.DirectSumEntropy)) { _directSumEntropy += m.DirectSumEntropy; _entropySteps++; }
    }

    /// <summary>Mixed-message measures of the interval: fraction of vertex messages, Monte Carlo direct-sum entropy.</summary>
    private Dictionary<string, double>? MessageExtras()
    {
        if (_vectorSteps == 0) return null;
        var extra = new Dictionary<string, double> { ["vertex_fraction"] = _vertexFraction / _vectorSteps };
        if (_entropySteps > 0) extra["direct_sum_entropy"] = _directSumEntropy / _entropySteps;
        return extra;
    }

    public MetricsPoint ToPoint(long step, long games, double seconds, double? validationSuccess)
    {
        double n = Math.Max(_steps, 1);
        double elapsed = seconds - startSeconds;
        return new MetricsPoint
        {
            Step = step,
            Games = games,
            Objective = _objective / n,
            TaskLoss = _loss / n,
            Success = _success / n,
            Entropy = _entropy / n,
            ReceiverCalls = _calls / n,
            Nonzeros = _nonzeros / n,
            GamesPerSecond = elapsed > 0 ? (games - startGames) / elapsed : 0,
            ElapsedSeconds = seconds,
            ValidationSuccess = validationSuccess,
            Extra = MessageExtras(),
        };
    }
}
