using System.Text.Json;

namespace AgentLab.Cli;

/// <summary>The validated stdin document of <c>agentlab recall</c>: memories [N x D] and queries [B x D].</summary>
internal sealed record RecallInput(double[][] Memories, double[][] Queries)
{
    public static RecallInput Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new CliInputException("input must be a JSON object with \"memories\" and \"queries\"");
        foreach (var field in root.EnumerateObject())
            if (field.Name is not ("memories" or "queries"))
                throw new CliInputException($"unknown field \"{field.Name}\" (expected \"memories\", \"queries\")");
        foreach (string name in new[] { "memories", "queries" })
            if (!root.TryGetProperty(name, out _)) throw new CliInputException($"input has no \"{name}\" field");
        var memories = JsonIo.ReadMatrix(root, "memories", allowNegativeInfinity: false);
        var queries = JsonIo.ReadMatrix(root, "queries", allowNegativeInfinity: false);
        int d = memories[0].Length;
        if (queries[0].Length != d)
            throw new CliInputException($"\"queries\" rows have {queries[0].Length} entries, expected {d} (the dimension of \"memories\")");
        return new RecallInput(memories, queries);
    }
}
