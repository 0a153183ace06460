using AgentLab.Agents.Runtime;

namespace AgentLab.Agents.Referential;

/// <summary>
/// The sender agent: owns its learner (parameters, tape, optimizer) and talks only through messages.
/// A failure propagates to its supervisor, the coordinator.
/// </summary>
public sealed class SenderActor(ISenderAgent agent) : Actor
{
    protected internal override Task ReceiveAsync(object message)
    {
        switch (message)
        {
            case EncodeTargets encode:
                Context.Reply(new ScoresEncoded(agent.Encode(encode.Targets)));
                break;
            case ApplyScoreCotangents cotangents:
                agent.ApplyCotangents(cotangents.DScores, cotangents.Update);
                Context.Reply(new SenderUpdated());
                break;
            default:
                throw new InvalidOperationException($"sender: unexpected message {message.GetType().Name}");
        }
        return Task.CompletedTask;
    }
}
