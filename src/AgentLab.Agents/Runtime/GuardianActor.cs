namespace AgentLab.Agents.Runtime;

/// <summary>
/// The root of user actors ("/user"): supervises top-level actors with the strategy configured for the system.
/// Failures escalated to it cannot go higher; the runtime surfaces them in <see cref="ActorSystem.Failure"/>.
/// </summary>
internal sealed class GuardianActor(SupervisorStrategy strategyForTopLevel) : Actor
{
    protected internal override SupervisorStrategy SupervisorStrategy => strategyForTopLevel;

    protected internal override Task ReceiveAsync(object message)
    {
        // The runtime has already logged the failure; nothing else above a top-level actor can react to it.
        if (message is not ChildFailed and not Terminated)
            Context.System.Log($"The guardian ignored an unexpected {message.GetType().Name}.");
        return Task.CompletedTask;
    }
}
