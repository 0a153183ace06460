using AgentLab.Agents.Runtime;
using AgentLab.Agents.Tests.Runtime.TestKit;

namespace AgentLab.Agents.Tests.Runtime.TestActors;

/// <summary>
/// Keeps a running sum of <see cref="Add"/> messages and answers <see cref="GetSum"/>. Throws on its
/// <paramref name="poisonedMessageNumber"/>-th Add (0: never), on <see cref="Fail"/> and on <see cref="FailAfterAwait"/>. Counts its instances and
/// reports the cause it is restarted with, so tests see both the factory calls and PostRestart.
/// </summary>
internal sealed class SummingWorker : Actor
{
    private readonly int _poisonedMessageNumber;
    private readonly Probe? _restartCauses;
    private int _adds;
    private int _sum;

    public SummingWorker(Counter instances, int poisonedMessageNumber = 0, Probe? restartCauses = null)
    {
        instances.Increment();
        _poisonedMessageNumber = poisonedMessageNumber;
        _restartCauses = restartCauses;
    }

    protected override async Task ReceiveAsync(object message)
    {
        switch (message)
        {
            case Add add:
                if (++_adds == _poisonedMessageNumber) throw new InvalidOperationException($"message {_adds} is poison");
                _sum += add.Amount;
                break;
            case GetSum:
                Context.Reply(_sum);
                break;
            case Fail fail:
                throw new InvalidOperationException(fail.Reason);
            case FailAfterAwait fail:
                await Task.Yield();
                throw new InvalidOperationException(fail.Reason);
        }
    }

    protected override void PostRestart(Exception cause)
    {
        _restartCauses?.Add(cause);
        base.PostRestart(cause);
    }
}
