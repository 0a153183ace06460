using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestActors;
using AgentLab.Agents.Tests.Runtime.TestKit;

namespace AgentLab.Agents.Tests.Runtime;

public sealed class OrderingTests
{
    [Theory]
    [InlineData(null)] // unbounded: every tell is accepted at once
    [InlineData(8)]    // bounded: most tells wait for space, and being admitted later must not reorder them
    public async Task Each_senders_messages_arrive_in_the_order_sent_while_senders_run_concurrently(int? capacity)
    {
        const int senders = 4, perSender = 2_000;
        await using var system = TestSystems.Create();
        var done = new TaskCompletionSource<IReadOnlyList<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var checker = system.Spawn("checker", () => new SequenceCheckingActor(senders, perSender, done),
            new ActorOptions { MailboxCapacity = capacity });

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var producers = Enumerable.Range(0, senders).Select(sender => Task.Run(async () =>
        {
            await go.Task;
            for (int sequence = 0; sequence < perSender; sequence++)
            {
                // Half the producers fire and forget, half wait for acceptance: both must keep order.
                if (sender % 2 == 0) checker.Tell(new Numbered(sender, sequence));
                else await checker.TellAsync(new Numbered(sender, sequence));
            }
        })).ToArray();
        go.SetResult();

        await Task.WhenAll(producers).Soon();
        Assert.Empty(await done.Task.Soon());
    }
}
