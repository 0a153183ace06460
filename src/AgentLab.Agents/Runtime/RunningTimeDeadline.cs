namespace AgentLab.Agents.Runtime;

/// <summary>
/// A cancellation token that fires once <paramref name="timeout"/> of running time (<see cref="RunningClock"/>)
/// has passed, or when the linked token is cancelled. When its timer comes due after the process was stopped,
/// it re-arms for the running time still left instead of firing.
/// </summary>
public sealed class RunningTimeDeadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly RunningClock _clock;
    private readonly TimeSpan _due;
    private readonly Timer _timer;

    public RunningTimeDeadline(TimeSpan timeout, RunningClock clock, CancellationToken linked)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(linked);
        _clock = clock;
        _due = clock.Elapsed + timeout;
        _timer = new Timer(_ => CheckDue(), null, timeout, Timeout.InfiniteTimeSpan);
    }

    public CancellationToken Token => _source.Token;

    private void CheckDue()
    {
        try
        {
            TimeSpan left = _due - _clock.Elapsed;
            if (left > TimeSpan.Zero)
            {
                _timer.Change(left, Timeout.InfiniteTimeSpan);
                return;
            }
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The ask ended while its timer was coming due.
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _source.Dispose();
    }
}
