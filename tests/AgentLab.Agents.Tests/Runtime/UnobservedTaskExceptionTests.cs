using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestActors;
using AgentLab.Agents.Tests.Runtime.TestKit;

namespace AgentLab.Agents.Tests.Runtime;

public sealed class UnobservedTaskExceptionTests
{
    [Fact]
    public void Failures_asks_and_shutdown_leave_no_unobserved_task_exception_behind()
    {
        var unobserved = new ConcurrentQueue<Exception>();
        EventHandler<UnobservedTaskExceptionEventArgs> record = (_, e) => unobserved.Enqueue(e.Exception);
        TaskScheduler.UnobservedTaskException += record;
        try
        {
            RunScenariosInTheirOwnFrame();
            // Unobserved faulted tasks are reported when finalized: collect everything the scenarios left behind.
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= record;
        }

        Assert.Empty(unobserved);
    }

    /// <summary>
    /// Blocks until the scenarios are done and returns nothing, so no frame still live during the collection can
    /// reference their tasks — in Debug builds an awaiting frame would keep the finished state machine, and with it
    /// the actor system, reachable.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RunScenariosInTheirOwnFrame() => Task.Run(RunFailingScenariosAsync).Wait(TaskTimeouts.Generous);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task RunFailingScenariosAsync()
    {
        var system = TestSystems.Create();
        var silent = system.Spawn("silent", () => new SilentActor());
        var echo = system.Spawn("echo", () => new EchoActor());
        var supervisor = system.Spawn("supervisor", () => new Supervisor(SupervisorStrategy.Escalating, new Probe()));
        var worker = await supervisor.SpawnChildAsync("worker", () => new SummingWorker(new Counter()));

        await Assert.ThrowsAsync<AskTimeoutException>(() => silent.Ask<int>(GetSum.Instance, TimeSpan.FromMilliseconds(20)));
        using (var cancellation = new CancellationTokenSource())
        {
            var asking = silent.Ask<int>(GetSum.Instance, TimeSpan.FromMinutes(1), cancellation.Token);
            cancellation.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => asking);
        }
        // Escalates past the top level: faults Failure, which nobody here awaits.
        worker.Tell(new FailAfterAwait("nobody awaits the system failure"));
        await Task.WhenAny(system.Failure).Soon(); // waits for the fault without observing it
        Assert.True(system.Failure.IsFaulted);
        await Assert.ThrowsAsync<ActorFailedException>(() => echo.Ask<string>(new Fail("asked and failed"), TaskTimeouts.Generous));
        await system.ShutdownAsync().Soon();
    }
}
