namespace AgentLab.Agents.Runtime;

/// <summary>
/// An actor failed: names the actor's path and carries the original exception as <see cref="Exception.InnerException"/>.
/// Escalation wraps once per level, so the message reads top-down, e.g.
/// "Actor '/user/coordinator' failed: Actor '/user/coordinator/sender-0' failed: InvalidOperationException: loss is NaN".
/// </summary>
public sealed class ActorFailedException : Exception
{
    public ActorFailedException(string actorPath, Exception cause)
        : base($"Actor '{actorPath}' failed: {Describe(cause)}", cause)
    {
        ActorPath = actorPath;
    }

    public string ActorPath { get; }

    /// <summary>"Type: message", except that a nested actor failure already says what it is.</summary>
    internal static string Describe(Exception exception) =>
        exception is ActorFailedException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";
}
