using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestKit;

namespace AgentLab.Agents.Tests.Runtime.TestActors;

/// <summary>Watches on <see cref="WatchActor"/>, unwatches when told an <see cref="ActorRef"/>, reports <see cref="Terminated"/>.</summary>
internal sealed class UnwatchingWatcher(Probe reports) : Actor
{
    protected override Task ReceiveAsync(object message)
    {
        switch (message)
        {
            case WatchActor watch:
                Context.Watch(watch.Actor);
                Context.Reply(true);
                break;
            case ActorRef unwatch:
                Context.Unwatch(unwatch);
                Context.Reply(true);
                break;
            case Terminated terminated:
                reports.Add(terminated);
                break;
        }
        return Task.CompletedTask;
    }
}
