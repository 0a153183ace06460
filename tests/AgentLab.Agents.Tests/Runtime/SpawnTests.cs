using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestActors;
using AgentLab.Agents.Tests.Runtime.TestKit;

namespace AgentLab.Agents.Tests.Runtime;

public sealed class SpawnTests
{
    [Fact]
    public async Task Paths_follow_the_hierarchy()
    {
        await using var system = TestSystems.Create();
        var coordinator = system.Spawn("coordinator", () => new Supervisor(SupervisorStrategy.Default, new Probe()));

        var sender = await coordinator.SpawnChildAsync("sender-0", () => new EchoActor());

        Assert.Equal("/user/coordinator", coordinator.Path);
        Assert.Equal("/user/coordinator/sender-0", sender.Path);
        Assert.Equal("/user/coordinator/sender-0", sender.ToString());
    }

    [Fact]
    public async Task Sibling_names_must_be_unique()
    {
        await using var system = TestSystems.Create();
        system.Spawn("echo", () => new EchoActor());

        var duplicate = Assert.Throws<ArgumentException>(() => system.Spawn("echo", () => new EchoActor()));

        Assert.StartsWith("'/user' already has a child named 'echo'.", duplicate.Message);
    }

    [Fact]
    public async Task A_name_is_free_again_once_its_actor_has_terminated()
    {
        await using var system = TestSystems.Create();
        var first = system.Spawn("echo", () => new EchoActor());
        await system.StopAsync(first).Soon();

        var second = system.Spawn("echo", () => new EchoActor());

        Assert.NotSame(first, second);
        Assert.Equal("again", await second.Ask<string>("again", TaskTimeouts.Generous));
    }

    [Fact]
    public void Names_cannot_contain_a_slash()
    {
        using var _ = new SystemScope(out var system);
        Assert.Throws<ArgumentException>(() => system.Spawn("a/b", () => new EchoActor()));
    }

    [Fact]
    public void An_actor_cannot_be_created_outside_a_factory()
    {
        var misuse = Assert.Throws<InvalidOperationException>(() => new EchoActor());

        Assert.Contains("EchoActor was created outside an actor factory", misuse.Message);
    }

    /// <summary>Synchronous tests still shut their system down.</summary>
    private sealed class SystemScope : IDisposable
    {
        private readonly ActorSystem _system;

        public SystemScope(out ActorSystem system) => system = _system = TestSystems.Create();

        public void Dispose() => _system.ShutdownAsync().Soon().GetAwaiter().GetResult();
    }
}
