using AgentLab.Agents.Referential;
using AgentLab.Channels;
using AgentLab.Numerics;

namespace AgentLab.Games.Referential;

/// <summary>
/// The receiver's learning state: network, tape, Adam. Decode encodes each game's candidates once and
/// scores the messages of the plan; ApplyCotangents back-propagates the cotangent of those log-probabilities,
/// steps, and returns the cotangent of the message vectors for continuous channels (null otherwise), at the
/// plan's stored (index, value) entries only.
/// </summary>
public sealed class ReceiverLearner : IReceiverAgent
{
    private readonly Tape _tape = new();
    private Var? _logProbs, _messages;

    public ReceiverLearner(ReceiverNetwork network, float learningRate)
    {
        Network = network;
        Optimizer = new Adam(network.Parameters(), learningRate);
    }

    public ReceiverNetwork Network { get; }
    public Adam Optimizer { get; }

    /// <summary>Log-probabilities over candidates, [plan.Count, G], valid until ApplyCotangents.</summary>
    public Tensor Decode(Tensor candidates, MessagePlan plan)
    {
        _tape.Reset();
        _logProbs = Score(candidates, plan);
        return _logProbs.Value;
    }

    public Tensor DecodeForEvaluation(Tensor candidates, MessagePlan plan)
    {
        _tape.Reset();
        using (_tape.NoGrad()) return Score(candidates, plan).Value;
    }

    private Var Score(Tensor candidates, MessagePlan plan)
    {
        var encodings = Network.EncodeCandidates(_tape, _tape.Constant(candidates, "candidates"));
        if (!plan.IsContinuous) { _messages = null; return Network.DecodeSymbols(_tape, encodings, plan.Game, plan.Symbol, plan.Count); }
        if (plan.MessageCount != plan.Batch)
            throw new InvalidOperationException($"receiver: the plan holds {plan.MessageCount} vector messages for {plan.Batch} games");
        _messages = _tape.Input(plan.MessageValue, "messages");
        return Network.DecodeVectors(_tape, encodings, _messages, plan);
    }

    /// <summary>
    /// Back-propagates, steps (when <paramref name="update"/>), and for continuous plans returns d loss / d
    /// message at the plan's stored entries (aligned with plan.MessageValue; the rest of the buffer is 0).
    /// </summary>
    public Tensor? ApplyCotangents(ReadOnlySpan<float> dLogProbs, bool update = true)
    {
        var logProbs = _logProbs ?? throw new InvalidOperationException("receiver: cotangents arrived before any Decode");
        _tape.Backward(logProbs, dLogProbs[..logProbs.Value.Length]);
        if (update)
        {
            Optimizer.Step();
            Optimizer.ZeroGrad();
        }
        var dMessages = _messages?.Grad;
        _logProbs = null;
        // The message gradient lives in the tape's pool; it is read before the next Decode resets the tape.
        return dMessages;
    }
}
