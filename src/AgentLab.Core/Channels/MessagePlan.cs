using AgentLab.Numerics;

namespace AgentLab.Channels;

/// <summary>
/// What a channel asks the receiver to evaluate in one step. Discrete channels list (game, message) pairs,
/// each with the weight the loss gives it (the message's probability for marginalization, 1 for a sample);
/// continuous channels (Gumbel, mixed) send one message vector per game instead. Buffers are sized once for
/// the largest plan (every message of every game) and reused, so planning allocates nothing per step.
/// </summary>
public sealed class MessagePlan
{
    public MessagePlan(int batch, int vocab, int pairsPerGame)
    {
        Batch = batch;
        Vocab = vocab;
        Game = new int[batch * pairsPerGame];
        Symbol = new int[batch * pairsPerGame];
        Weight = new float[batch * pairsPerGame];
        Vectors = new Tensor(batch, vocab);
    }

    public int Batch { get; }
    public int Vocab { get; }

    /// <summary>Number of receiver evaluations (pairs, or games for vector messages).</summary>
    public int Count { get; private set; }
    public int[] Game { get; }
    public int[] Symbol { get; }
    public float[] Weight { get; }

    /// <summary>True when the receiver gets <see cref="Vectors"/> (one relaxed/mixed message per game).</summary>
    public bool IsContinuous { get; private set; }

    /// <summary>[B, V] message vectors of a continuous channel.</summary>
    public Tensor Vectors { get; }

    /// <summary>Mean number of nonzero message coordinates (discrete: support size) per game.</summary>
    public float MeanNonzeros { get; set; }

    public void ClearPairs()
    {
        Count = 0;
        IsContinuous = false;
    }

    public void AddPair(int game, int symbol, float weight)
    {
        Game[Count] = game;
        Symbol[Count] = symbol;
        Weight[Count] = weight;
        Count++;
    }

    /// <summary>Switches to vector messages: one evaluation per game, in game order.</summary>
    public void UseVectors()
    {
        IsContinuous = true;
        Count = Batch;
        for (int b = 0; b < Batch; b++) { Game[b] = b; Symbol[b] = -1; Weight[b] = 1f; }
    }

    /// <summary>Mean receiver evaluations per game.</summary>
    public float ReceiverCallsPerGame => (float)Count / Batch;
}
