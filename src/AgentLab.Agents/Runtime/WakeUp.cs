namespace AgentLab.Agents.Runtime;

/// <summary>
/// Posted to a mailbox after a system message is queued, so that an idle actor takes a turn and handles it.
/// Never reaches the actor's code and is never a dead letter.
/// </summary>
internal sealed class WakeUp
{
    public static readonly WakeUp Instance = new();

    private WakeUp() { }
}
