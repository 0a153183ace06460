namespace AgentLab.Agents.Runtime;

/// <summary>An <see cref="ActorRef.Ask{TReply}"/> got no reply in time; says who was asked, what, and how long we waited.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    public AskTimeoutException(string actorPath, Type messageType, TimeSpan timeout)
        : base($"Ask to '{actorPath}' with {messageType.Name} got no reply within {timeout.TotalMilliseconds:0.###} ms.")
    {
        ActorPath = actorPath;
        MessageType = messageType;
        Timeout = timeout;
    }

    public string ActorPath { get; }
    public Type MessageType { get; }
    public TimeSpan Timeout { get; }
}
