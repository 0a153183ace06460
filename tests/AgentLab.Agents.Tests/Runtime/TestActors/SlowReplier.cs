using AgentLab.Agents.Runtime;

namespace AgentLab.Agents.Tests.Runtime.TestActors;

/// <summary>Replies "answer to ..." only once <paramref name="gate"/> opens — Sender stays valid across the await.</summary>
internal sealed class SlowReplier(Task gate) : Actor
{
    protected override async Task ReceiveAsync(object message)
    {
        await gate;
        Context.Reply($"answer to {message}");
    }
}
