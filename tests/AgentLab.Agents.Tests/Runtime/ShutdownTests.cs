using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestActors;
using AgentLab.Agents.Tests.Runtime.TestKit;

namespace AgentLab.Agents.Tests.Runtime;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Shutdown_stops_children_before_their_parents()
    {
        var system = TestSystems.Create();
        var stopped = new Probe();
        system.Spawn("root", () => new TreeNode(depth: 2, stopped));
        Assert.Equal("pong", await system.Spawn("echo", () => new EchoActor()).Ask<string>("pong", TaskTimeouts.Generous));

        await system.ShutdownAsync().Soon();

        var order = stopped.Drain().Cast<string>().ToList();
        Assert.Equal(["/user/root/child/child", "/user/root/child", "/user/root"], order);
        Assert.True(system.Terminated.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task After_shutdown_spawning_fails_and_messages_become_dead_letters()
    {
        var system = TestSystems.Create();
        var deadLetters = new Probe();
        using var _ = system.EventStream.Subscribe<DeadLetter>(deadLetters.Add);
        var echo = system.Spawn("echo", () => new EchoActor());

        await system.DisposeAsync();

        var refused = Assert.Throws<InvalidOperationException>(() => system.Spawn("late", () => new EchoActor()));
        Assert.Equal("'/user' is stopping; it cannot spawn 'late'.", refused.Message);
        echo.Tell("anyone?");
        Assert.Equal("/user/echo", (await deadLetters.ExpectAsync<DeadLetter>()).RecipientPath);
    }
}
