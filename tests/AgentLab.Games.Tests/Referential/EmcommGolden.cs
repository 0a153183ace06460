using System.Text.Json;
using AgentLab.Games.Referential;
using AgentLab.Numerics;

namespace AgentLab.Games.Tests.Referential;

/// <summary>Reads data/golden/emcomm.json: the tiny game, its agents' weights, and the expected values.</summary>
internal sealed class EmcommGolden
{
    private static readonly Lazy<EmcommGolden> Instance = new(() => new EmcommGolden());
    private readonly JsonElement _root;

    private EmcommGolden()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "data", "golden", "emcomm.json");
        _root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    public static EmcommGolden Load() => Instance.Value;

    private int Dim(string name) => _root.GetProperty("dims").GetProperty(name).GetInt32();
    public int Games => Dim("batch");
    public int Candidates => Dim("game_size");
    public int Features => Dim("feat_size");
    public int Vocab => Dim("vocab_size");

    public JsonElement Case(string name) =>
        _root.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public (SenderLearner Sender, ReceiverLearner Receiver) Agents(float learningRate = 1e-3f)
    {
        var rng = new Rng(0);
        var sender = new SenderNetwork(Features, Dim("embedding_size"), Dim("hidden_size"), Vocab, rng);
        var receiver = new ReceiverNetwork(Features, Dim("embedding_size"), Vocab, rng);
        var w = _root.GetProperty("weights");
        Load(w, "sender.lin1.weight", sender.Lin1.Weight);
        Load(w, "sender.conv2.weight", sender.Conv2);
        Load(w, "sender.conv3.weight", sender.Conv3);
        Load(w, "sender.lin4.weight", sender.Lin4.Weight);
        Load(w, "receiver.lin1.weight", receiver.Lin1.Weight);
        Load(w, "receiver.msg_table", receiver.MessageTable.Table);
        // The relaxed receiver of the reference consumes y through Linear(V, E) whose weight is msg_tableᵀ.
        var table = Flatten(w.GetProperty("receiver.msg_table"));
        int v = Vocab, e = Dim("embedding_size");
        for (int z = 0; z < v; z++) for (int j = 0; j < e; j++) receiver.Relaxed.Weight.Value.Data[j * v + z] = (float)table[z * e + j];
        return (new SenderLearner(sender, learningRate), new ReceiverLearner(receiver, learningRate));
    }

    /// <summary>The golden batch: targets = sender slot 0; candidates in the receiver's order.</summary>
    public GameBatch Batch()
    {
        var inputs = _root.GetProperty("inputs");
        var sender = inputs.GetProperty("sender_input[G,B,F] (slot 0 = target)");
        var receiver = inputs.GetProperty("receiver_input[G,B,F]");
        var labels = inputs.GetProperty("labels[B] (target slot for receiver)");
        var batch = new GameBatch(Games, Candidates, Features);
        for (int b = 0; b < Games; b++)
        {
            var target = sender[0][b].EnumerateArray().Select(x => (float)x.GetDouble()).ToArray();
            target.CopyTo(batch.Targets.Row(b));
            for (int i = 0; i < Candidates; i++)
            {
                var c = receiver[i][b].EnumerateArray().Select(x => (float)x.GetDouble()).ToArray();
                c.CopyTo(batch.Candidates.Data, (b * Candidates + i) * Features);
            }
            batch.TargetIndex[b] = labels[b].GetInt32();
        }
        return batch;
    }

    public static double[] Flatten(JsonElement e)
    {
        var values = new List<double>();
        void Walk(JsonElement x)
        {
            if (x.ValueKind == JsonValueKind.Array) foreach (var y in x.EnumerateArray()) Walk(y);
            else values.Add(x.GetDouble());
        }
        Walk(e);
        return values.ToArray();
    }

    private static void Load(JsonElement weights, string name, Parameter p)
    {
        var values = Flatten(weights.GetProperty(name));
        Assert.Equal(p.Value.Length, values.Length);
        for (int i = 0; i < values.Length; i++) p.Value.Data[i] = (float)values[i];
    }

    /// <summary>Compares every golden gradient with the parameter's accumulated gradient.</summary>
    public static void AssertGradients(JsonElement grads, SenderLearner sender, ReceiverLearner receiver, bool relaxed)
    {
        var byName = new Dictionary<string, float[]>
        {
            ["sender.lin1.weight"] = sender.Network.Lin1.Weight.Gradient.Data,
            ["sender.conv2.weight"] = sender.Network.Conv2.Gradient.Data,
            ["sender.conv3.weight"] = sender.Network.Conv3.Gradient.Data,
            ["sender.lin4.weight"] = sender.Network.Lin4.Weight.Gradient.Data,
            ["receiver.lin1.weight"] = receiver.Network.Lin1.Weight.Gradient.Data,
        };
        var table = receiver.Network.MessageTable.Table.Gradient.Data;
        if (relaxed)
        {
            var w2 = receiver.Network.Relaxed.Weight;
            int e = w2.Shape[0], v = w2.Shape[1];
            table = new float[v * e];
            for (int z = 0; z < v; z++) for (int j = 0; j < e; j++) table[z * e + j] = w2.Gradient.Data[j * v + z];
        }
        byName["receiver.msg_table"] = table;
        foreach (var g in grads.EnumerateObject())
        {
            var expected = Flatten(g.Value);
            var actual = byName[g.Name];
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
                Close(expected[i], actual[i], 2e-6, $"grad {g.Name}[{i}]");
        }
    }

    public static void Close(double expected, double actual, double tol, string what)
    {
        if (!(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected))))
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R}");
    }
}
