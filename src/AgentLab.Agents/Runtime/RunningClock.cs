using System.Diagnostics;

namespace AgentLab.Agents.Runtime;

/// <summary>
/// Wall time during which the process could run: the time it spent stopped (Ctrl-Z, SIGSTOP) or the machine
/// spent asleep is left out. Ask timeouts are measured on it, so a run suspended for longer than a timeout
/// carries on when it is continued instead of failing every pending ask at once. A stop shows as a gap between
/// two observations of the wall clock longer than <see cref="Beat"/> + <see cref="Slack"/>; a heartbeat
/// observes it every <see cref="Beat"/>, so only a stop (or a scheduler stall over <see cref="Slack"/>, which
/// merely lengthens a timeout) is ever left out.
/// </summary>
public sealed class RunningClock
{
    public static readonly TimeSpan Beat = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    /// <summary>The process's clock, on the monotonic stopwatch, with its heartbeat.</summary>
    public static RunningClock Process { get; } = StartProcessClock();

    private readonly Func<TimeSpan> _wall;
    private readonly Lock _gate = new();
    private TimeSpan _lastSeen;
    private TimeSpan _stopped;
    // Held only so that the process clock's heartbeat timer is not collected; never read.
    private Timer? _heartbeat;

    /// <param name="wall">A monotonic wall clock (tests pass their own).</param>
    public RunningClock(Func<TimeSpan> wall)
    {
        _wall = wall;
        _lastSeen = wall();
    }

    /// <summary>Running time since the clock was made.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (_gate)
            {
                Observe();
                return _lastSeen - _stopped;
            }
        }
    }

    /// <summary>Counts the gap since the last observation as stopped time when it is too long to be a heartbeat's.</summary>
    private void Observe()
    {
        TimeSpan now = _wall();
        TimeSpan gap = now - _lastSeen;
        if (gap > Beat + Slack) _stopped += gap - Beat;
        _lastSeen = now;
    }

    private static RunningClock StartProcessClock()
    {
        var wall = Stopwatch.StartNew();
        var clock = new RunningClock(() => wall.Elapsed);
        clock._heartbeat = new Timer(_ => { lock (clock._gate) clock.Observe(); }, null, Beat, Beat);
        return clock;
    }
}
