using AgentLab.Agents.Runtime;
using AgentLab.Channels;
using AgentLab.Numerics;

namespace AgentLab.Agents.Referential;

/// <summary>
/// Drives training steps between a sender and a receiver actor (its children): forward messages carry
/// activations (targets → scores, plan → log-probabilities), backward messages carry cotangents. It asks
/// the channel what the receiver must evaluate and assembles the loss. A child that throws is restarted by
/// this actor's supervision (at most 3 times a minute) and the step is reported failed, so that the driver
/// rolls every agent back to the last consistent checkpoint; a child past its limit is stopped for good.
/// </summary>
public sealed class CoordinatorActor : Actor
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(10);
    private readonly IChannel _channel;
    private readonly ChannelContext _context;
    private readonly MessagePlan _plan;
    private readonly Tensor _dScores;
    private readonly float[] _dLogProbs;
    private readonly IReadOnlyList<ISenderAgent> _senders;
    private readonly IReadOnlyList<IReceiverAgent> _receivers;
    private readonly List<ActorRef> _senderRefs = new(), _receiverRefs = new();
    private readonly Dictionary<string, Exception> _stopped = new();
    // The coordinator keeps its own count of each agent's failures, in step with the supervision budget, so
    // that the reply to the failing step already says whether the agent is gone (an ask to a stopped actor
    // would otherwise wait for its timeout).
    private readonly Dictionary<string, Queue<DateTime>> _failures = new();

    public CoordinatorActor(ISenderAgent sender, IReceiverAgent receiver, IChannel channel, ChannelContext context,
        int batch, int candidates, int vocab)
        : this([sender], [receiver], channel, context, batch, candidates, vocab) { }

    /// <summary>A population: the senders and receivers become child actors named sender-i / receiver-j.</summary>
    public CoordinatorActor(IReadOnlyList<ISenderAgent> senders, IReadOnlyList<IReceiverAgent> receivers, IChannel channel,
        ChannelContext context, int batch, int candidates, int vocab)
    {
        _senders = senders;
        _receivers = receivers;
        _channel = channel;
        _context = context;
        _plan = new MessagePlan(batch, vocab, vocab);
        _dScores = new Tensor(batch, vocab);
        _dLogProbs = new float[batch * vocab * candidates];
    }

    /// <summary>Restarts allowed per agent within <see cref="RestartWindow"/> before it is stopped for good.</summary>
    public const int MaxRestarts = 3;
    public static readonly TimeSpan RestartWindow = TimeSpan.FromMinutes(1);

    protected internal override SupervisorStrategy SupervisorStrategy { get; } = new(_ => Directive.Restart, MaxRestarts, RestartWindow);

    protected internal override void PreStart()
    {
        for (int i = 0; i < _senders.Count; i++)
        {
            var agent = _senders[i];
            _senderRefs.Add(Context.Spawn(_senders.Count == 1 ? "sender" : $"sender-{i}", () => new SenderActor(agent)));
        }
        for (int j = 0; j < _receivers.Count; j++)
        {
            var agent = _receivers[j];
            _receiverRefs.Add(Context.Spawn(_receivers.Count == 1 ? "receiver" : $"receiver-{j}", () => new ReceiverActor(agent)));
        }
    }

    protected internal override async Task ReceiveAsync(object message)
    {
        switch (message)
        {
            case PlayStep step:
                Context.Reply(await Play(step));
                break;
            case ChildFailed failed:
                _stopped[Name(failed.Child)] = failed.Cause;
                break;
            default:
                throw new InvalidOperationException($"coordinator: unexpected message {message.GetType().Name}");
        }
    }

    private async Task<StepReply> Play(PlayStep step)
    {
        if (_stopped.Count > 0)
        {
            var (agent, cause) = _stopped.First();
            return new StepFailed(agent, cause, Permanent: true);
        }
        if ((uint)step.Sender >= (uint)_senderRefs.Count || (uint)step.Receiver >= (uint)_receiverRefs.Count)
            throw new ArgumentOutOfRangeException(nameof(step), $"coordinator: no pair (sender {step.Sender}, receiver {step.Receiver}) in a population of {_senderRefs.Count} x {_receiverRefs.Count}");
        var senderRef = _senderRefs[step.Sender];
        var receiverRef = _receiverRefs[step.Receiver];
        string current = Name(senderRef);
        try
        {
            _context.Candidates = step.Candidates;
            var scores = (await senderRef.Ask<ScoresEncoded>(new EncodeTargets(step.Targets), AskTimeout)).Scores;
            NonFiniteException.ThrowIfNonFinite(scores.Data, "sender scores", _context.Step + 1);
            _channel.Plan(scores, _plan, _context);
            current = Name(receiverRef);
            var logProbs = (await receiverRef.Ask<MessagesDecoded>(new DecodeMessages(step.Candidates, _plan), AskTimeout)).LogProbs;
            var outcome = _channel.Assess(scores, _plan, logProbs, step.TargetIndex, _context, _dLogProbs, _dScores);
            NonFiniteException.ThrowIfNonFinite([outcome.Objective], "loss", _context.Step + 1);
            var dMessages = (await receiverRef.Ask<ReceiverUpdated>(new ApplyLogProbCotangents(_dLogProbs, step.Update), AskTimeout)).DMessages;
            if (_plan.IsContinuous)
                _channel.AddMessageCotangent(_plan, dMessages ?? throw new InvalidOperationException("receiver returned no message cotangent"), _dScores);
            current = Name(senderRef);
            await senderRef.Ask<SenderUpdated>(new ApplyScoreCotangents(_dScores.Data, step.Update), AskTimeout);
            _context.Step++;
            return new StepCompleted(outcome);
        }
        catch (ActorFailedException e)
        {
            // The child has been handed to supervision already (restarted, or stopped past its limit).
            var cause = e.InnerException ?? e;
            var now = DateTime.UtcNow;
            if (!_failures.TryGetValue(current, out var times)) _failures[current] = times = new Queue<DateTime>();
            times.Enqueue(now);
            while (times.Count > 0 && now - times.Peek() > RestartWindow) times.Dequeue();
            bool permanent = times.Count > MaxRestarts;
            if (permanent) _stopped[current] = cause;
            return new StepFailed(current, cause, permanent);
        }
    }

    private static string Name(ActorRef actor) => actor.Path[(actor.Path.LastIndexOf('/') + 1)..];
}
