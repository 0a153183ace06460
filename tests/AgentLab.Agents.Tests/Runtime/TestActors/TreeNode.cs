using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestKit;

namespace AgentLab.Agents.Tests.Runtime.TestActors;

/// <summary>Spawns a chain of <paramref name="depth"/> descendants named "child"; reports its path when it stops; throws on <see cref="Fail"/>.</summary>
internal sealed class TreeNode(int depth, Probe stopped) : Actor
{
    protected override void PreStart()
    {
        if (depth > 0) Context.Spawn("child", () => new TreeNode(depth - 1, stopped));
    }

    protected override Task ReceiveAsync(object message) =>
        message is Fail fail ? throw new InvalidOperationException(fail.Reason) : Task.CompletedTask;

    protected override void PostStop() => stopped.Add(Self.Path);
}
