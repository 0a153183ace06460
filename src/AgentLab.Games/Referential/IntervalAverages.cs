using AgentLab.Channels;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Games.Referential;

/// <summary>Means of the step outcomes since the last logging point, and the training speed over it.</summary>
internal sealed class IntervalAverages(double startSeconds = 0, long startGames = 0)
{
    private double _objective, _loss, _success, _entropy, _calls, _nonzeros;
    private int _steps;

    public void Add(StepOutcome o)
    {
        _objective += o.Objective; _loss += o.TaskLoss; _success += o.Success;
        _entropy += o.Entropy; _calls += o.ReceiverCalls; _nonzeros += o.Nonzeros;
        _steps++;
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
        };
    }
}
