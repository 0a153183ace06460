using AgentLab.Agents.Runtime;

namespace AgentLab.Agents.Tests.Runtime.TestActors;

/// <summary>Replies with whatever it is told; throws on <see cref="Fail"/>.</summary>
internal sealed class EchoActor : Actor
{
    protected override Task ReceiveAsync(object message)
    {
        if (message is Fail fail) throw new InvalidOperationException(fail.Reason);
        Context.Reply(message);
        return Task.CompletedTask;
    }
}
