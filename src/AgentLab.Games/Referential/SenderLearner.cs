using AgentLab.Agents.Referential;
using AgentLab.Numerics;

namespace AgentLab.Games.Referential;

/// <summary>
/// The sender's learning state: its network, its own tape and its own Adam. Encode records a forward pass;
/// ApplyCotangents back-propagates the cotangent of the scores it sent and takes one optimizer step.
/// The scores returned by Encode stay valid until ApplyCotangents.
/// </summary>
public sealed class SenderLearner : ISenderAgent
{
    private readonly Tape _tape = new();
    private Var? _scores;

    public SenderLearner(SenderNetwork network, float learningRate)
    {
        Network = network;
        Optimizer = new Adam(network.Parameters(), learningRate);
    }

    public SenderNetwork Network { get; }
    public Adam Optimizer { get; }

    public Tensor Encode(Tensor targets)
    {
        _tape.Reset();
        _scores = Network.Forward(_tape, _tape.Constant(targets, "targets"));
        return _scores.Value;
    }

    /// <summary>Scores for evaluation: nothing recorded, nothing to apply afterwards.</summary>
    public Tensor EncodeForEvaluation(Tensor targets)
    {
        _tape.Reset();
        using (_tape.NoGrad()) return Network.Forward(_tape, _tape.Constant(targets, "targets")).Value;
    }

    /// <summary>Back-propagates the cotangent of the scores and, when <paramref name="update"/>, takes an Adam step
    /// (without it the gradients stay in the parameters, e.g. for gradient checks).</summary>
    public void ApplyCotangents(ReadOnlySpan<float> dScores, bool update = true)
    {
        var scores = _scores ?? throw new InvalidOperationException("sender: cotangents arrived before any Encode");
        _tape.Backward(scores, dScores);
        if (update)
        {
            Optimizer.Step();
            Optimizer.ZeroGrad();
        }
        _scores = null;
        _tape.Reset();
    }
}
