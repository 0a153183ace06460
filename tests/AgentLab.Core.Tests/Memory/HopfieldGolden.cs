using System.Text.Json;
using AgentLab.Memory;

namespace AgentLab.Tests.Memory;

/// <summary>The cases of data/golden/hopfield.json (float64 reference dynamics; provenance in data/golden/README.md).</summary>
internal static class HopfieldGolden
{
    private static readonly Lazy<JsonElement[]> Cases = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "data", "golden", "hopfield.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    });

    /// <summary>Tolerance of the file's conventions: abs 1e-6 on probabilities and states.</summary>
    public const double Tolerance = 1e-6;

    public static IEnumerable<object[]> RecallNames() =>
        Cases.Value.Where(c => !c.TryGetProperty("kind", out _)).Select(c => new object[] { c.GetProperty("name").GetString()! });

    public static IEnumerable<object[]> FreeRecallNames() =>
        Cases.Value.Where(c => c.TryGetProperty("kind", out var k) && k.GetString() == "free_recall")
            .Select(c => new object[] { c.GetProperty("name").GetString()! });

    public static JsonElement Get(string name) => Cases.Value.Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>The map of a case's "transform" (softmax, 1.5-entmax, sparsemax, G-normmax, k-subsets).</summary>
    public static RetrievalMap MapOf(JsonElement c)
    {
        string transform = c.GetProperty("transform").GetString()!;
        return transform switch
        {
            "softmax" => RetrievalMap.Softmax,
            "1.5-entmax" => RetrievalMap.Entmax15,
            "sparsemax" => RetrievalMap.Sparsemax,
            "k-subsets" => RetrievalMap.KSubsets(c.GetProperty("k").GetInt32()),
            _ when transform.EndsWith("-normmax", StringComparison.Ordinal) => RetrievalMap.Normmax(c.GetProperty("alpha").GetDouble()),
            _ => throw new ArgumentException($"golden transform {transform} is not mapped"),
        };
    }

    public static double[] Vector(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static double[][] Matrix(JsonElement e, string name) =>
        e.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();

    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            if (!(Math.Abs(expected[i] - actual[i]) <= tolerance))
                Assert.Fail($"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (tolerance {tolerance})");
    }
}
