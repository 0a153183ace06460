using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestActors;
using AgentLab.Agents.Tests.Runtime.TestKit;

namespace AgentLab.Agents.Tests.Runtime;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Hooks_run_in_order_constructor_PreStart_messages_PostStop()
    {
        await using var system = TestSystems.Create();
        var events = new Probe();
        var actor = system.Spawn("recorder", () => new LifecycleRecorder(events, new Counter()));

        actor.Tell("a");
        actor.Tell("b");
        foreach (var step in (string[])["#1 ctor", "#1 PreStart", "#1 receive a", "#1 receive b"])
            Assert.Equal(step, await events.ExpectAsync<string>());
        // Stopping comes after the current message but before queued ones, so stop only once both were handled.
        await system.StopAsync(actor).Soon();

        Assert.Equal(["#1 PostStop"], events.Drain());
    }

    [Fact]
    public async Task Restart_calls_PreRestart_on_the_failed_instance_then_PostRestart_on_a_fresh_one()
    {
        await using var system = TestSystems.Create();
        var events = new Probe();
        var supervisor = system.Spawn("supervisor", () => new Supervisor(SupervisorStrategy.Default, new Probe()));
        var instances = new Counter();
        var child = await supervisor.SpawnChildAsync("recorder", () => new LifecycleRecorder(events, instances));

        child.Tell("a");
        child.Tell(new Fail("boom"));
        child.Tell("b");

        string[] expected =
        [
            "#1 ctor", "#1 PreStart", "#1 receive a",
            "#1 PreRestart(boom)", "#2 ctor", "#2 PostRestart(boom)",
            "#2 receive b",
        ];
        foreach (var step in expected) Assert.Equal(step, await events.ExpectAsync<string>());
    }

    [Fact]
    public async Task By_default_a_restart_stops_the_old_instance_and_starts_the_new_one()
    {
        await using var system = TestSystems.Create();
        var events = new Probe();
        var supervisor = system.Spawn("supervisor", () => new Supervisor(SupervisorStrategy.Default, new Probe()));
        var instances = new Counter();
        var child = await supervisor.SpawnChildAsync("recorder", () => new DefaultHooksRecorder(events, instances));

        child.Tell(new Fail("boom"));

        foreach (var step in (string[])["#1 PreStart", "#1 PostStop", "#2 PreStart"])
            Assert.Equal(step, await events.ExpectAsync<string>());
    }

    [Fact]
    public async Task A_restart_stops_the_children_before_the_failed_instance_stops_and_the_fresh_one_recreates_them()
    {
        await using var system = TestSystems.Create();
        var stopped = new Probe();
        var supervisor = system.Spawn("supervisor", () => new Supervisor(SupervisorStrategy.Default, new Probe()));
        var node = await supervisor.SpawnChildAsync("node", () => new TreeNode(depth: 1, stopped));

        node.Tell(new Fail("boom"));

        Assert.Equal("/user/supervisor/node/child", await stopped.ExpectAsync<string>());
        Assert.Equal("/user/supervisor/node", await stopped.ExpectAsync<string>()); // default PreRestart -> PostStop
        await system.StopAsync(node).Soon();
        Assert.Equal("/user/supervisor/node/child", await stopped.ExpectAsync<string>()); // re-created in PreStart
    }
}
