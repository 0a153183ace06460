namespace AgentLab.Agents.Runtime;

/// <summary>Per-actor settings given at spawn.</summary>
public sealed record ActorOptions
{
    public static ActorOptions Default { get; } = new();

    /// <summary>
    /// Most messages the mailbox holds, counting the one being processed; null means unbounded.
    /// When full, <see cref="ActorRef.TellAsync"/> waits for space and <see cref="ActorRef.Tell"/> parks the
    /// message in order behind earlier waiters — back-pressure instead of unbounded memory growth.
    /// </summary>
    public int? MailboxCapacity
    {
        get => _mailboxCapacity;
        init
        {
            if (value is < 1) throw new ArgumentOutOfRangeException(nameof(MailboxCapacity), value, "A mailbox needs room for at least one message.");
            _mailboxCapacity = value;
        }
    }

    private readonly int? _mailboxCapacity;
}
