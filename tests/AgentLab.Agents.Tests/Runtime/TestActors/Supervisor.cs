using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestKit;

namespace AgentLab.Agents.Tests.Runtime.TestActors;

/// <summary>
/// A parent with a chosen strategy: spawns and watches on command, and reports every other message it gets —
/// <see cref="ChildFailed"/>, <see cref="Terminated"/> — to <paramref name="reports"/>.
/// </summary>
internal sealed class Supervisor(SupervisorStrategy strategy, Probe reports) : Actor
{
    protected override SupervisorStrategy SupervisorStrategy => strategy;

    protected override Task ReceiveAsync(object message)
    {
        switch (message)
        {
            case SpawnChild spawn:
                Context.Reply(Context.Spawn(spawn.Name, spawn.Factory));
                break;
            case WatchActor watch:
                Context.Watch(watch.Actor);
                Context.Reply(true);
                break;
            default:
                reports.Add(message);
                break;
        }
        return Task.CompletedTask;
    }
}
