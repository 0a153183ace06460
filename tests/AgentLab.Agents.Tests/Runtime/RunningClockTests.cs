using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestKit;

namespace AgentLab.Agents.Tests.Runtime;

/// <summary>
/// Ask timeouts count running time only: a process stopped (Ctrl-Z) for longer than a timeout must not fail its
/// pending asks when it is continued. The wall clock here is a test's own, so a stop is a jump of it.
/// </summary>
public class RunningClockTests
{
    private sealed class ManualWall
    {
        public TimeSpan Now { get; set; }
        public TimeSpan Read() => Now;
    }

    [Fact]
    public void HeartbeatSizedGapsCountAsRunningTime()
    {
        var wall = new ManualWall();
        var clock = new RunningClock(wall.Read);
        for (int beat = 0; beat < 10; beat++)
        {
            wall.Now += RunningClock.Beat + RunningClock.Slack; // as late as a heartbeat may be
            _ = clock.Elapsed;
        }
        Assert.Equal(10 * (RunningClock.Beat + RunningClock.Slack), clock.Elapsed);
    }

    [Fact]
    public void AGapLongerThanABeatAndItsSlackIsStoppedTimeExceptOneBeat()
    {
        var wall = new ManualWall();
        var clock = new RunningClock(wall.Read);
        wall.Now += TimeSpan.FromSeconds(3);
        Assert.Equal(TimeSpan.FromSeconds(3), clock.Elapsed);
        wall.Now += TimeSpan.FromMinutes(20); // stopped
        Assert.Equal(TimeSpan.FromSeconds(3) + RunningClock.Beat, clock.Elapsed);
        wall.Now += TimeSpan.FromSeconds(2);
        Assert.Equal(TimeSpan.FromSeconds(5) + RunningClock.Beat, clock.Elapsed);
    }

    [Fact]
    public async Task ADeadlineWhoseWallTimePassedWhileStoppedReArmsForTheRunningTimeLeft()
    {
        // The wall clock jumps by 20 minutes (a stop) before the deadline looks at it, then holds still: the stop
        // counts as one beat of running time, less than the timeout, so the deadline keeps re-arming.
        var wall = new ManualWall();
        var clock = new RunningClock(wall.Read);
        using var deadline = new RunningTimeDeadline(RunningClock.Beat + TimeSpan.FromMilliseconds(200), clock, CancellationToken.None);
        wall.Now += TimeSpan.FromMinutes(20);
        await Task.Delay(RunningClock.Beat + TimeSpan.FromMilliseconds(800));
        Assert.False(deadline.Token.IsCancellationRequested);

        // Running time goes on: now the timeout has passed, and the re-armed timer fires.
        wall.Now += RunningClock.Beat; // observed as one beat of running time since the last look
        var fired = new TaskCompletionSource();
        using var registration = deadline.Token.Register(() => fired.TrySetResult());
        await fired.Task.WaitAsync(TaskTimeouts.Generous);
    }

    [Fact]
    public async Task ADeadlineFiresAfterItsTimeoutWhenNothingWasStopped()
    {
        using var deadline = new RunningTimeDeadline(TimeSpan.FromMilliseconds(50), RunningClock.Process, CancellationToken.None);
        var fired = new TaskCompletionSource();
        using var registration = deadline.Token.Register(() => fired.TrySetResult());
        await fired.Task.WaitAsync(TaskTimeouts.Generous);
    }

    [Fact]
    public void TheLinkedTokenCancelsTheDeadline()
    {
        using var caller = new CancellationTokenSource();
        using var deadline = new RunningTimeDeadline(TimeSpan.FromMinutes(10), RunningClock.Process, caller.Token);
        caller.Cancel();
        Assert.True(deadline.Token.IsCancellationRequested);
    }
}
