using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestActors;
using AgentLab.Agents.Tests.Runtime.TestKit;

namespace AgentLab.Agents.Tests.Runtime;

public sealed class DeadLetterTests
{
    [Fact]
    public async Task A_message_told_to_a_stopped_actor_is_published_and_logged_as_a_dead_letter()
    {
        await using var system = TestSystems.Create(out var log);
        var deadLetters = new Probe();
        using var _ = system.EventStream.Subscribe<DeadLetter>(deadLetters.Add);
        var echo = system.Spawn("echo", () => new EchoActor());
        var sender = system.Spawn("sender", () => new SilentActor());
        await system.StopAsync(echo).Soon();

        echo.Tell("too late", sender);

        Assert.Equal(new DeadLetter("too late", sender, "/user/echo"), await deadLetters.ExpectAsync<DeadLetter>());
        Assert.Contains("[test] Dead letter: String from /user/sender to /user/echo.", log);
        Assert.False(await echo.TellAsync("also too late"));
        Assert.Equal("also too late", (await deadLetters.ExpectAsync<DeadLetter>()).Message);
    }

    [Fact]
    public async Task Messages_still_in_the_mailbox_when_the_actor_stops_become_dead_letters_in_order()
    {
        await using var system = TestSystems.Create();
        var deadLetters = new Probe();
        using var _ = system.EventStream.Subscribe<DeadLetter>(deadLetters.Add);
        var taken = new Probe();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = system.Spawn("gated", () => new GatedActor(taken, gate.Task));
        actor.Tell(1);
        Assert.Equal(1, await taken.ExpectAsync<int>());
        actor.Tell(2);
        actor.Tell(3);

        var stopped = system.StopAsync(actor);
        gate.SetResult(); // message 1 finishes; the stop comes before message 2
        await stopped.Soon();

        Assert.Equal(2, (await deadLetters.ExpectAsync<DeadLetter>()).Message);
        Assert.Equal(3, (await deadLetters.ExpectAsync<DeadLetter>()).Message);
        Assert.Empty(taken.Drain());
    }

    [Fact]
    public async Task A_reply_with_nobody_to_reply_to_is_a_dead_letter()
    {
        await using var system = TestSystems.Create();
        var deadLetters = new Probe();
        using var _ = system.EventStream.Subscribe<DeadLetter>(deadLetters.Add);
        var echo = system.Spawn("echo", () => new EchoActor());

        echo.Tell("anyone?");

        Assert.Equal(new DeadLetter("anyone?", echo, "/deadLetters"), await deadLetters.ExpectAsync<DeadLetter>());
    }
}
