using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestActors;
using AgentLab.Agents.Tests.Runtime.TestKit;

namespace AgentLab.Agents.Tests.Runtime;

public sealed class SupervisionTests
{
    private static readonly TimeSpan AskTimeout = TaskTimeouts.Generous;

    [Fact]
    public async Task Restart_replaces_the_instance_from_its_factory_and_later_messages_are_processed()
    {
        await using var system = TestSystems.Create();
        var supervisor = system.Spawn("supervisor", () => new Supervisor(SupervisorStrategy.Default, new Probe()));
        var instances = new Counter();
        var restartCauses = new Probe();
        var worker = await supervisor.SpawnChildAsync("worker", () => new SummingWorker(instances, poisonedMessageNumber: 3, restartCauses));

        for (int i = 1; i <= 5; i++) worker.Tell(new Add(i));

        // Messages 1 and 2 died with the first instance, 3 was the poison; the fresh instance saw only 4 and 5.
        Assert.Equal(4 + 5, await worker.Ask<int>(GetSum.Instance, AskTimeout));
        Assert.Equal(2, instances.Value);
        var cause = await restartCauses.ExpectAsync<InvalidOperationException>();
        Assert.Equal("message 3 is poison", cause.Message);
    }

    [Fact]
    public async Task A_failure_after_an_await_is_supervised_like_any_other()
    {
        await using var system = TestSystems.Create();
        var supervisor = system.Spawn("supervisor", () => new Supervisor(SupervisorStrategy.Default, new Probe()));
        var instances = new Counter();
        var restartCauses = new Probe();
        var worker = await supervisor.SpawnChildAsync("worker", () => new SummingWorker(instances, restartCauses: restartCauses));

        worker.Tell(new Add(1));
        worker.Tell(new FailAfterAwait("late boom"));
        worker.Tell(new Add(2));

        Assert.Equal(2, await worker.Ask<int>(GetSum.Instance, AskTimeout));
        Assert.Equal("late boom", (await restartCauses.ExpectAsync<InvalidOperationException>()).Message);
        Assert.Equal(2, instances.Value);
    }

    [Fact]
    public async Task Resume_keeps_the_instance_and_its_state_and_drops_the_failed_message()
    {
        await using var system = TestSystems.Create();
        var supervisor = system.Spawn("supervisor", () => new Supervisor(SupervisorStrategy.Resuming, new Probe()));
        var instances = new Counter();
        var worker = await supervisor.SpawnChildAsync("worker", () => new SummingWorker(instances));

        worker.Tell(new Add(1));
        worker.Tell(new Add(2));
        worker.Tell(new Fail("boom"));
        worker.Tell(new Add(4));

        Assert.Equal(1 + 2 + 4, await worker.Ask<int>(GetSum.Instance, AskTimeout));
        Assert.Equal(1, instances.Value);
    }

    [Fact]
    public async Task A_child_that_exceeds_its_restart_limit_is_stopped_and_its_parent_told_which_child_and_why()
    {
        await using var system = TestSystems.Create(out var log);
        var reports = new Probe();
        var atMostThreeRestarts = new SupervisorStrategy(_ => Directive.Restart, maxRestarts: 3, within: TimeSpan.FromMinutes(1));
        var supervisor = system.Spawn("supervisor", () => new Supervisor(atMostThreeRestarts, reports));
        var instances = new Counter();
        var worker = await supervisor.SpawnChildAsync("worker", () => new SummingWorker(instances));

        for (int i = 1; i <= 4; i++) worker.Tell(new Fail($"fail #{i}"));

        var failed = await reports.ExpectAsync<ChildFailed>();
        Assert.Same(worker, failed.Child);
        Assert.Equal("fail #4", failed.Cause.Message);
        Assert.Equal("Actor '/user/supervisor/worker' failed: InvalidOperationException: fail #4", failed.ToException().Message);
        Assert.Equal(1 + 3, instances.Value);
        Assert.Contains(log, line => line.Contains("'/user/supervisor/worker' failed and is stopped: more than 3 restarts"));
        Assert.False(await worker.TellAsync(new Add(1))); // stopped: a dead letter now
    }

    [Fact]
    public async Task The_restart_budget_is_counted_per_time_window()
    {
        var clock = new ManualClock();
        await using var system = TestSystems.Create(clock: clock);
        var reports = new Probe();
        var oneRestartPerMinute = new SupervisorStrategy(_ => Directive.Restart, maxRestarts: 1, within: TimeSpan.FromMinutes(1));
        var supervisor = system.Spawn("supervisor", () => new Supervisor(oneRestartPerMinute, reports));
        var instances = new Counter();
        var worker = await supervisor.SpawnChildAsync("worker", () => new SummingWorker(instances));

        worker.Tell(new Fail("fail #1"));
        Assert.Equal(0, await worker.Ask<int>(GetSum.Instance, AskTimeout)); // restarted, alive
        clock.Advance(TimeSpan.FromMinutes(2));
        worker.Tell(new Fail("fail #2"));                                      // a new window: restarted again
        Assert.Equal(0, await worker.Ask<int>(GetSum.Instance, AskTimeout));
        worker.Tell(new Fail("fail #3"));                                      // same window: over budget

        Assert.Equal("fail #3", (await reports.ExpectAsync<ChildFailed>()).Cause.Message);
        Assert.Equal(3, instances.Value);
    }

    [Fact]
    public async Task Escalation_past_a_top_level_actor_faults_the_system_naming_each_actor_on_the_way()
    {
        await using var system = TestSystems.Create(); // the guardian escalates by default
        var reports = new Probe();
        var watcher = system.Spawn("watcher", () => new Supervisor(SupervisorStrategy.Default, reports));
        var supervisor = system.Spawn("supervisor", () => new Supervisor(SupervisorStrategy.Escalating, new Probe()));
        var worker = await supervisor.SpawnChildAsync("worker", () => new SummingWorker(new Counter()));
        Assert.True(await watcher.Ask<bool>(new WatchActor(supervisor), AskTimeout));

        worker.Tell(new Fail("loss is NaN"));

        var failure = await Assert.ThrowsAsync<ActorFailedException>(() => system.Failure.Soon());
        Assert.Equal(
            "Actor '/user/supervisor' failed: Actor '/user/supervisor/worker' failed: InvalidOperationException: loss is NaN",
            failure.Message);
        var childFailure = Assert.IsType<ActorFailedException>(failure.InnerException);
        Assert.Equal("/user/supervisor/worker", childFailure.ActorPath);
        Assert.Equal("loss is NaN", Assert.IsType<InvalidOperationException>(childFailure.InnerException).Message);
        // Nothing above could decide, so the failed subtree is stopped (the failure is reported first, without waiting for that).
        var terminated = await reports.ExpectAsync<Terminated>();
        Assert.Same(supervisor, terminated.Actor);
        Assert.Equal(childFailure.Message, terminated.Cause!.Message);
        Assert.False(await worker.TellAsync(new Add(1)));
    }

    [Fact]
    public async Task An_escalated_failure_that_is_resumed_above_resumes_the_suspended_child_with_its_state()
    {
        await using var system = TestSystems.Create(guardianStrategy: SupervisorStrategy.Resuming);
        var supervisor = system.Spawn("supervisor", () => new Supervisor(SupervisorStrategy.Escalating, new Probe()));
        var instances = new Counter();
        var worker = await supervisor.SpawnChildAsync("worker", () => new SummingWorker(instances));

        worker.Tell(new Add(1));
        worker.Tell(new Fail("boom"));
        worker.Tell(new Add(2));

        Assert.Equal(1 + 2, await worker.Ask<int>(GetSum.Instance, AskTimeout));
        Assert.Equal(1, instances.Value);
        Assert.False(system.Failure.IsCompleted);
    }

    [Fact]
    public async Task An_escalated_failure_that_restarts_the_parent_stops_the_suspended_child()
    {
        await using var system = TestSystems.Create(guardianStrategy: SupervisorStrategy.Default);
        var reports = new Probe();
        var watcher = system.Spawn("watcher", () => new Supervisor(SupervisorStrategy.Default, reports));
        var supervisor = system.Spawn("supervisor", () => new Supervisor(SupervisorStrategy.Escalating, new Probe()));
        var worker = await supervisor.SpawnChildAsync("worker", () => new SummingWorker(new Counter()));
        Assert.True(await watcher.Ask<bool>(new WatchActor(worker), AskTimeout));

        worker.Tell(new Fail("boom"));

        var terminated = await reports.ExpectAsync<Terminated>();
        Assert.Same(worker, terminated.Actor);
        var replacement = await supervisor.SpawnChildAsync("worker", () => new SummingWorker(new Counter())); // restarted parent, name free
        Assert.Equal("/user/supervisor/worker", replacement.Path);
    }

    [Fact]
    public async Task A_failing_child_does_not_disturb_its_siblings_state()
    {
        await using var system = TestSystems.Create();
        var supervisor = system.Spawn("supervisor", () => new Supervisor(SupervisorStrategy.Default, new Probe()));
        var steadyInstances = new Counter();
        var flakyInstances = new Counter();
        var steady = await supervisor.SpawnChildAsync("steady", () => new SummingWorker(steadyInstances));
        var flaky = await supervisor.SpawnChildAsync("flaky", () => new SummingWorker(flakyInstances));

        steady.Tell(new Add(1));
        flaky.Tell(new Add(100));
        steady.Tell(new Add(2));
        flaky.Tell(new Fail("boom"));
        steady.Tell(new Add(3));

        Assert.Equal(0, await flaky.Ask<int>(GetSum.Instance, AskTimeout)); // restarted fresh
        Assert.Equal(1 + 2 + 3, await steady.Ask<int>(GetSum.Instance, AskTimeout));
        Assert.Equal(2, flakyInstances.Value);
        Assert.Equal(1, steadyInstances.Value);
    }
}
