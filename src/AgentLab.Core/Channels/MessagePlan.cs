using AgentLab.Numerics;

namespace AgentLab.Channels;

/// <summary>
/// What a channel asks the receiver to evaluate in one step. Discrete channels list (game, message) pairs,
/// each with the weight the loss gives it (the message's probability for marginalization, 1 for a sample);
/// continuous channels (Gumbel, mixed) send one message vector per game instead, as the (index, value) pairs
/// of its nonzeros, so that a message costs its nonzeros. Buffers are sized once for the largest plan
/// (every message of every game, every coordinate of every vector) and reused, so planning allocates nothing
/// per step.
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
        MessageStart = new int[batch + 1];
        MessageIndex = new int[batch * vocab];
        MessageValue = new Tensor(batch * vocab);
    }

    public int Batch { get; }
    public int Vocab { get; }

    /// <summary>Number of receiver evaluations (pairs, or games for vector messages).</summary>
    public int Count { get; private set; }
    public int[] Game { get; }
    public int[] Symbol { get; }
    public float[] Weight { get; }

    /// <summary>True when the receiver gets vector messages (one relaxed/mixed message per game).</summary>
    public bool IsContinuous { get; private set; }

    /// <summary>Vector messages added so far (all <see cref="Batch"/> once the plan is complete).</summary>
    public int MessageCount { get; private set; }

    /// <summary>Game b's message is entries MessageStart[b] .. MessageStart[b + 1] − 1 of the index and value buffers.</summary>
    public int[] MessageStart { get; }

    /// <summary>The coordinate (symbol) of each stored entry, ascending within a game.</summary>
    public int[] MessageIndex { get; }

    /// <summary>The value of each stored entry; only the first <see cref="MessageEntries"/> are in use.</summary>
    public Tensor MessageValue { get; }

    /// <summary>Stored (index, value) entries over all vector messages of the plan.</summary>
    public int MessageEntries => MessageStart[MessageCount];

    /// <summary>Mean number of nonzero message coordinates (discrete: support size) per game.</summary>
    public float MeanNonzeros { get; set; }

    public void ClearPairs()
    {
        Count = 0;
        IsContinuous = false;
        MessageCount = 0;
    }

    public void AddPair(int game, int symbol, float weight)
    {
        Game[Count] = game;
        Symbol[Count] = symbol;
        Weight[Count] = weight;
        Count++;
    }

    /// <summary>Switches to vector messages: one evaluation per game, in game order; add the messages next.</summary>
    public void UseVectors()
    {
        IsContinuous = true;
        Count = Batch;
        MessageCount = 0;
        for (int b = 0; b < Batch; b++) { Game[b] = b; Symbol[b] = -1; Weight[b] = 1f; }
    }

    /// <summary>
    /// Appends the next game's message vector [V] as its nonzeros. With <paramref name="everyCoordinate"/>
    /// the zeros are stored too: the receiver returns the message cotangent only on stored entries, and
    /// straight-through needs it on every coordinate.
    /// </summary>
    public void AddMessage(ReadOnlySpan<float> message, bool everyCoordinate = false)
    {
        if (message.Length != Vocab) throw new ShapeException($"message plan: a message of {message.Length} coordinates for a vocabulary of {Vocab}");
        int k = BeginMessage();
        var value = MessageValue.Data;
        for (int j = 0; j < message.Length; j++)
            if (everyCoordinate || message[j] != 0f) { MessageIndex[k] = j; value[k] = message[j]; k++; }
        MessageStart[++MessageCount] = k;
    }

    /// <summary>Appends the next game's message as a vertex of the simplex: one nonzero, 1 at <paramref name="symbol"/>.</summary>
    public void AddVertexMessage(int symbol)
    {
        if ((uint)symbol >= (uint)Vocab) throw new ArgumentOutOfRangeException(nameof(symbol), $"message plan: symbol {symbol} outside a vocabulary of {Vocab}");
        int k = BeginMessage();
        MessageIndex[k] = symbol;
        MessageValue.Data[k] = 1f;
        MessageStart[++MessageCount] = k + 1;
    }

    /// <summary>
    /// Writes game <paramref name="game"/>'s row as a dense vector [V]: 0 everywhere except, at each stored
    /// index, the entry of <paramref name="entryValues"/> (the message's values, or a cotangent aligned with them).
    /// </summary>
    public void ScatterMessage(int game, ReadOnlySpan<float> entryValues, Span<float> dense)
    {
        if ((uint)game >= (uint)MessageCount) throw new ArgumentOutOfRangeException(nameof(game), $"message plan: game {game} of {MessageCount} vector messages");
        if (dense.Length != Vocab) throw new ShapeException($"message plan: a dense row of {dense.Length} for a vocabulary of {Vocab}");
        dense.Clear();
        for (int k = MessageStart[game]; k < MessageStart[game + 1]; k++) dense[MessageIndex[k]] = entryValues[k];
    }

    /// <summary>Mean receiver evaluations per game.</summary>
    public float ReceiverCallsPerGame => (float)Count / Batch;

    private int BeginMessage()
    {
        if (!IsContinuous) throw new InvalidOperationException("message plan: call UseVectors before adding vector messages");
        if (MessageCount == Batch) throw new InvalidOperationException($"message plan: all {Batch} vector messages are already added");
        return MessageStart[MessageCount];
    }
}
