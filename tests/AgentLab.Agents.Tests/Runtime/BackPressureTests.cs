using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestActors;
using AgentLab.Agents.Tests.Runtime.TestKit;

namespace AgentLab.Agents.Tests.Runtime;

public sealed class BackPressureTests
{
    [Fact]
    public async Task A_full_mailbox_holds_the_next_TellAsync_until_the_actor_takes_a_message()
    {
        await using var system = TestSystems.Create();
        var taken = new Probe();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = system.Spawn("gated", () => new GatedActor(taken, gate.Task), new ActorOptions { MailboxCapacity = 2 });

        Assert.True(await actor.TellAsync(1).Soon());
        Assert.Equal(1, await taken.ExpectAsync<int>()); // the actor now holds message 1 until the gate opens
        var second = actor.TellAsync(2);
        var third = actor.TellAsync(3);

        // Capacity 2 counts the message in process: 1 (in process) and 2 (waiting) fill it; 3 must wait.
        Assert.True(second.IsCompletedSuccessfully);
        Assert.False(third.IsCompleted);

        gate.SetResult();
        Assert.True(await third.Soon());
        Assert.Equal(2, await taken.ExpectAsync<int>());
        Assert.Equal(3, await taken.ExpectAsync<int>());
    }

    [Fact]
    public async Task Tell_into_a_full_mailbox_does_not_block_and_delivers_later_in_order()
    {
        await using var system = TestSystems.Create();
        var taken = new Probe();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = system.Spawn("gated", () => new GatedActor(taken, gate.Task), new ActorOptions { MailboxCapacity = 1 });

        actor.Tell(1);
        Assert.Equal(1, await taken.ExpectAsync<int>());
        for (int i = 2; i <= 5; i++) actor.Tell(i); // returns at once although there is no room

        gate.SetResult();
        for (int i = 2; i <= 5; i++) Assert.Equal(i, await taken.ExpectAsync<int>());
    }

    [Fact]
    public async Task Cancelling_a_TellAsync_that_waits_for_space_withdraws_the_message()
    {
        await using var system = TestSystems.Create();
        var taken = new Probe();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = system.Spawn("gated", () => new GatedActor(taken, gate.Task), new ActorOptions { MailboxCapacity = 1 });
        await actor.TellAsync("first");
        Assert.Equal("first", await taken.ExpectAsync<string>());
        using var cancellation = new CancellationTokenSource();

        var withdrawn = actor.TellAsync("withdrawn", cancellationToken: cancellation.Token);
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn.Soon());
        actor.Tell("after");
        gate.SetResult();

        Assert.Equal("after", await taken.ExpectAsync<string>());
    }
}
