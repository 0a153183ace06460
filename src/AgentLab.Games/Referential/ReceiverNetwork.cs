using AgentLab.Channels;
using AgentLab.Numerics;

namespace AgentLab.Games.Referential;

/// <summary>
/// The seeds' receiver: candidate encodings r_i = R1 x_i (no bias, shared over candidates); a discrete
/// message z is embedded as msg_table[z] (N(0,1) init), a relaxed or mixed message y as W2 y (no bias),
/// summed over y's stored entries only, m = Σ_{j ∈ nz(y)} y_j W2[:, j]; log-probabilities over candidates
/// are log_softmax_i ⟨r_i, m⟩.
/// </summary>
public sealed class ReceiverNetwork : Module
{
    public ReceiverNetwork(int features, int embedding, int vocab, Rng rng, string name = "receiver")
    {
        Lin1 = new Linear(name + ".lin1", features, embedding, rng, bias: false);
        MessageTable = new Embedding(name + ".msg_table", vocab, embedding, rng);
        Relaxed = new Linear(name + ".relaxed", vocab, embedding, rng, bias: false);
    }

    public Linear Lin1 { get; }
    public Embedding MessageTable { get; }
    /// <summary>W2 [E, V]: the linear map that consumes relaxed and mixed message vectors.</summary>
    public Linear Relaxed { get; }

    /// <summary>Candidate encodings [B, G, E] for candidate features [B, G, F]; computed once per game.</summary>
    public Var EncodeCandidates(Tape tape, Var candidates) => Lin1.Forward(tape, candidates);

    /// <summary>Log-probabilities [P, G] for the discrete (game, message) pairs in the plan.</summary>
    public Var DecodeSymbols(Tape tape, Var encodings, int[] game, int[] symbol, int count) =>
        tape.LogSoftmax(tape.PairLogits(encodings, MessageTable.Table, game, symbol, count));

    /// <summary>
    /// Log-probabilities [B, G] for one message vector per game, given as the (index, value) entries of the
    /// plan (<paramref name="values"/> holds plan.MessageValue): O(nnz · E) per game for sparse messages,
    /// one GEMM for dense ones (<see cref="Tape.SparseLinear"/>).
    /// </summary>
    public Var DecodeVectors(Tape tape, Var encodings, Var values, MessagePlan plan) =>
        tape.LogSoftmax(tape.BatchedMatVec(encodings,
            tape.SparseLinear(values, plan.MessageStart, plan.MessageIndex, plan.MessageCount, Relaxed.Weight)));

    public override IEnumerable<Parameter> Parameters() => [Lin1.Weight, MessageTable.Table, Relaxed.Weight];
}
