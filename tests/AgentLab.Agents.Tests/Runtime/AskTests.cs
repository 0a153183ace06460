using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestActors;
using AgentLab.Agents.Tests.Runtime.TestKit;

namespace AgentLab.Agents.Tests.Runtime;

public sealed class AskTests
{
    [Fact]
    public async Task Ask_returns_the_reply()
    {
        await using var system = TestSystems.Create();
        var echo = system.Spawn("echo", () => new EchoActor());

        Assert.Equal("hello", await echo.Ask<string>("hello", TaskTimeouts.Generous));
    }

    [Fact]
    public async Task Ask_without_a_reply_times_out_naming_the_actor_the_message_type_and_the_timeout()
    {
        await using var system = TestSystems.Create();
        var silent = system.Spawn("silent", () => new SilentActor());

        var timeout = await Assert.ThrowsAsync<AskTimeoutException>(
            () => silent.Ask<int>(GetSum.Instance, TimeSpan.FromMilliseconds(100)));

        Assert.Equal("/user/silent", timeout.ActorPath);
        Assert.Equal(typeof(GetSum), timeout.MessageType);
        Assert.Equal(TimeSpan.FromMilliseconds(100), timeout.Timeout);
        Assert.Equal("Ask to '/user/silent' with GetSum got no reply within 100 ms.", timeout.Message);
    }

    [Fact]
    public async Task Ask_is_cancelled_by_its_token()
    {
        await using var system = TestSystems.Create();
        var silent = system.Spawn("silent", () => new SilentActor());
        using var cancellation = new CancellationTokenSource();

        var asking = silent.Ask<int>(GetSum.Instance, TimeSpan.FromMinutes(5), cancellation.Token);
        cancellation.Cancel();

        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => asking.Soon());
        Assert.Equal(cancellation.Token, cancelled.CancellationToken);
        Assert.True(asking.IsCanceled);
    }

    [Fact]
    public async Task Ask_faults_at_once_with_the_actors_failure_when_handling_the_question_throws()
    {
        await using var system = TestSystems.Create(guardianStrategy: SupervisorStrategy.Resuming);
        var echo = system.Spawn("echo", () => new EchoActor());

        var failure = await Assert.ThrowsAsync<ActorFailedException>(
            () => echo.Ask<string>(new Fail("cannot answer"), TimeSpan.FromMinutes(5)).Soon());

        Assert.Equal("Actor '/user/echo' failed: InvalidOperationException: cannot answer", failure.Message);
        Assert.Equal("still here", await echo.Ask<string>("still here", TaskTimeouts.Generous)); // resumed
    }

    [Fact]
    public async Task Ask_with_a_reply_of_another_type_names_both_types()
    {
        await using var system = TestSystems.Create();
        var echo = system.Spawn("echo", () => new EchoActor());

        var mismatch = await Assert.ThrowsAsync<InvalidCastException>(() => echo.Ask<int>("text", TaskTimeouts.Generous));

        Assert.Equal("Ask to '/user/echo' with String expected a Int32 reply but got String.", mismatch.Message);
    }

    [Fact]
    public async Task A_reply_after_the_ask_timed_out_becomes_a_dead_letter()
    {
        await using var system = TestSystems.Create();
        var deadLetters = new Probe();
        using var _ = system.EventStream.Subscribe<DeadLetter>(deadLetters.Add);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = system.Spawn("slow", () => new SlowReplier(gate.Task));

        await Assert.ThrowsAsync<AskTimeoutException>(() => slow.Ask<string>("question", TimeSpan.FromMilliseconds(50)));
        gate.SetResult();

        var late = await deadLetters.ExpectAsync<DeadLetter>();
        Assert.Equal("answer to question", late.Message);
        Assert.Same(slow, late.Sender);
        Assert.StartsWith("/temp/ask-", late.RecipientPath);
    }
}
