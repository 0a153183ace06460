namespace AgentLab.Agents.Runtime;

/// <summary>Command: run PreStart. Queued at spawn so that it runs on the actor's own turn, before any message.</summary>
internal sealed record StartActor : SystemMessage
{
    public static readonly StartActor Instance = new();
}
