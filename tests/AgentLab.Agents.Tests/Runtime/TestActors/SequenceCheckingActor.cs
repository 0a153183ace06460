using AgentLab.Agents.Runtime;

namespace AgentLab.Agents.Tests.Runtime.TestActors;

/// <summary>Checks that each producer's <see cref="Numbered"/> messages arrive 0, 1, 2, ...; reports the violations once all arrived.</summary>
internal sealed class SequenceCheckingActor(int senders, int perSender, TaskCompletionSource<IReadOnlyList<string>> done) : Actor
{
    private readonly int[] _expectedNext = new int[senders];
    private readonly List<string> _violations = [];
    private int _received;

    protected override Task ReceiveAsync(object message)
    {
        if (message is Numbered numbered)
        {
            if (numbered.Sequence != _expectedNext[numbered.Sender])
                _violations.Add($"sender {numbered.Sender}: expected {_expectedNext[numbered.Sender]}, got {numbered.Sequence}");
            _expectedNext[numbered.Sender] = numbered.Sequence + 1;
            if (++_received == senders * perSender) done.TrySetResult(_violations);
        }
        return Task.CompletedTask;
    }
}
