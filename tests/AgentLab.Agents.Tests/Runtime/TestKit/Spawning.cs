using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestActors;

namespace AgentLab.Agents.Tests.Runtime.TestKit;

/// <summary>Has a <see cref="Supervisor"/> spawn a child, so that the child is supervised by the strategy under test.</summary>
internal static class Spawning
{
    public static Task<ActorRef> SpawnChildAsync(this ActorRef supervisor, string name, Func<Actor> factory) =>
        supervisor.Ask<ActorRef>(new SpawnChild(name, factory), TaskTimeouts.Generous);
}
