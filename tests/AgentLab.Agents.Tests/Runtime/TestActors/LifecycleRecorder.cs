using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestKit;

namespace AgentLab.Agents.Tests.Runtime.TestActors;

/// <summary>Writes every constructor, hook and message, tagged with its instance number, to <paramref name="events"/>; throws on <see cref="Fail"/>.</summary>
internal sealed class LifecycleRecorder : Actor
{
    private readonly Probe _events;
    private readonly int _instance;

    public LifecycleRecorder(Probe events, Counter instances)
    {
        _events = events;
        _instance = instances.Increment();
        Record("ctor");
    }

    protected override Task ReceiveAsync(object message)
    {
        if (message is Fail fail) throw new InvalidOperationException(fail.Reason);
        Record($"receive {message}");
        return Task.CompletedTask;
    }

    protected override void PreStart() => Record("PreStart");

    protected override void PostStop() => Record("PostStop");

    protected override void PreRestart(Exception cause) => Record($"PreRestart({cause.Message})");

    protected override void PostRestart(Exception cause) => Record($"PostRestart({cause.Message})");

    private void Record(string what) => _events.Add($"#{_instance} {what}");
}
