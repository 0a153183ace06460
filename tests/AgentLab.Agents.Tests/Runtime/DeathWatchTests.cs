using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestActors;
using AgentLab.Agents.Tests.Runtime.TestKit;

namespace AgentLab.Agents.Tests.Runtime;

public sealed class DeathWatchTests
{
    private static readonly TimeSpan AskTimeout = TaskTimeouts.Generous;

    [Fact]
    public async Task Watch_delivers_Terminated_without_a_cause_when_the_actor_stops_normally()
    {
        await using var system = TestSystems.Create();
        var reports = new Probe();
        var watcher = system.Spawn("watcher", () => new Supervisor(SupervisorStrategy.Default, reports));
        var echo = system.Spawn("echo", () => new EchoActor());
        Assert.True(await watcher.Ask<bool>(new WatchActor(echo), AskTimeout));

        await system.StopAsync(echo).Soon();

        Assert.Equal(new Terminated(echo, null), await reports.ExpectAsync<Terminated>());
    }

    [Fact]
    public async Task Watching_an_actor_that_already_stopped_delivers_Terminated_at_once()
    {
        await using var system = TestSystems.Create();
        var reports = new Probe();
        var watcher = system.Spawn("watcher", () => new Supervisor(SupervisorStrategy.Default, reports));
        var echo = system.Spawn("echo", () => new EchoActor());
        await system.StopAsync(echo).Soon();

        Assert.True(await watcher.Ask<bool>(new WatchActor(echo), AskTimeout));

        Assert.Same(echo, (await reports.ExpectAsync<Terminated>()).Actor);
    }

    [Fact]
    public async Task Terminated_carries_the_exception_when_the_actor_was_stopped_for_failing()
    {
        await using var system = TestSystems.Create();
        var reports = new Probe();
        var supervisor = system.Spawn("supervisor", () => new Supervisor(SupervisorStrategy.Stopping, reports));
        var worker = await supervisor.SpawnChildAsync("worker", () => new SummingWorker(new Counter()));
        Assert.True(await supervisor.Ask<bool>(new WatchActor(worker), AskTimeout));

        worker.Tell(new Fail("boom"));

        var failed = await reports.ExpectAsync<ChildFailed>();
        var terminated = await reports.ExpectAsync<Terminated>();
        Assert.Same(worker, terminated.Actor);
        Assert.Same(failed.Cause, terminated.Cause);
        Assert.Equal("boom", terminated.Cause!.Message);
    }

    [Fact]
    public async Task After_Unwatch_no_Terminated_arrives()
    {
        await using var system = TestSystems.Create();
        var reports = new Probe();
        var watcher = system.Spawn("watcher", () => new UnwatchingWatcher(reports));
        var forgotten = system.Spawn("forgotten", () => new EchoActor());
        var remembered = system.Spawn("remembered", () => new EchoActor());
        Assert.True(await watcher.Ask<bool>(new WatchActor(forgotten), AskTimeout));
        Assert.True(await watcher.Ask<bool>(new WatchActor(remembered), AskTimeout));
        Assert.True(await watcher.Ask<bool>(forgotten, AskTimeout)); // unwatch

        await system.StopAsync(forgotten).Soon();
        await system.StopAsync(remembered).Soon();

        // Had the unwatched actor's Terminated been delivered, it would have come first.
        Assert.Same(remembered, (await reports.ExpectAsync<Terminated>()).Actor);
    }
}
