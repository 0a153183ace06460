using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestKit;

namespace AgentLab.Agents.Tests.Runtime.TestActors;

/// <summary>Overrides only PreStart and PostStop, to show what the default restart hooks call.</summary>
internal sealed class DefaultHooksRecorder : Actor
{
    private readonly Probe _events;
    private readonly int _instance;

    public DefaultHooksRecorder(Probe events, Counter instances)
    {
        _events = events;
        _instance = instances.Increment();
    }

    protected override Task ReceiveAsync(object message) =>
        message is Fail fail ? throw new InvalidOperationException(fail.Reason) : Task.CompletedTask;

    protected override void PreStart() => _events.Add($"#{_instance} PreStart");

    protected override void PostStop() => _events.Add($"#{_instance} PostStop");
}
