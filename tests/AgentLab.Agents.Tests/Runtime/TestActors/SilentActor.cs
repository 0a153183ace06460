using AgentLab.Agents.Runtime;

namespace AgentLab.Agents.Tests.Runtime.TestActors;

/// <summary>Takes every message and never replies: the other side of an ask that must time out.</summary>
internal sealed class SilentActor : Actor
{
    protected override Task ReceiveAsync(object message) => Task.CompletedTask;
}
