using System.Collections.Concurrent;
using AgentLab.Agents.Runtime;

namespace AgentLab.Agents.Tests.Runtime.TestKit;

/// <summary>An actor system whose log lines are kept for assertions instead of going to standard error.</summary>
internal static class TestSystems
{
    public static ActorSystem Create(out ConcurrentQueue<string> log, SupervisorStrategy? guardianStrategy = null, TimeProvider? clock = null)
    {
        var lines = new ConcurrentQueue<string>();
        log = lines;
        return new ActorSystem("test", new ActorSystemOptions
        {
            Log = lines.Enqueue,
            GuardianStrategy = guardianStrategy ?? SupervisorStrategy.Escalating,
            TimeProvider = clock ?? TimeProvider.System,
        });
    }

    public static ActorSystem Create(SupervisorStrategy? guardianStrategy = null, TimeProvider? clock = null) =>
        Create(out _, guardianStrategy, clock);
}
