using AgentLab.Agents.Runtime;

namespace AgentLab.Agents.Referential;

/// <summary>The receiver agent: owns its learner and talks only through messages.</summary>
public sealed class ReceiverActor(IReceiverAgent agent) : Actor
{
    protected internal override Task ReceiveAsync(object message)
    {
        switch (message)
        {
            case DecodeMessages decode:
                Context.Reply(new MessagesDecoded(agent.Decode(decode.Candidates, decode.Plan)));
                break;
            case ApplyLogProbCotangents cotangents:
                Context.Reply(new ReceiverUpdated(agent.ApplyCotangents(cotangents.DLogProbs, cotangents.Update)));
                break;
            default:
                throw new InvalidOperationException($"receiver: unexpected message {message.GetType().Name}");
        }
        return Task.CompletedTask;
    }
}
