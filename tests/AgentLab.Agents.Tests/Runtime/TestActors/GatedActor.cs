using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestKit;

namespace AgentLab.Agents.Tests.Runtime.TestActors;

/// <summary>Reports each message as soon as it takes it, then holds its turn until <paramref name="gate"/> opens.</summary>
internal sealed class GatedActor(Probe taken, Task gate) : Actor
{
    protected override async Task ReceiveAsync(object message)
    {
        taken.Add(message);
        await gate;
    }
}
