using System.Text.Json;
using AgentLab.Cli;
using AgentLab.Memory;
using AgentLab.Tests.Memory;

namespace AgentLab.Tests.Cli;

public class RecallCommandTests
{
    private sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;
    }

    private const string Patterns = """{"memories": [[1, 1, -1], [-1, 1, 1], [1, -1, 1], [0.5, 0.5, 0.5]], "queries": [[0.9, 0.8, -0.7], [0.2, 0.3, 0.1]]}""";

    private static Outcome Run(string input, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = RecallCommand.Run(args, new StringReader(input), stdout, stderr);
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }

    private static double[] Flat(JsonElement json, string name) =>
        json.GetProperty(name).EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetDouble())).ToArray();

    private static int[] Ints(JsonElement json, string name) => json.GetProperty(name).EnumerateArray().Select(v => v.GetInt32()).ToArray();

    [Theory]
    [InlineData("pub-sparsemax-ambig-b0.5", "sparsemax")]
    [InlineData("pub-1.5-entmax-noisy-b1", "entmax15")]
    [InlineData("pub-2-normmax-ambig-b0.5", "normmax", "--alpha", "2")]
    [InlineData("pub-5-normmax-ambig-b2", "normmax", "--alpha", "5")]
    [InlineData("pub-sparsemax-l2-b4", "sparsemax")]
    [InlineData("pub-softmax-layernorm-b2", "softmax")]
    [InlineData("pub-2subsets-b1", "ksubsets", "--k", "2")]
    public void Golden_cases_through_the_command_line(string name, string transform, params string[] extra)
    {
        var c = HopfieldGolden.Get(name);
        var expected = c.GetProperty("expected");
        string input = JsonSerializer.Serialize(new { memories = HopfieldGolden.Matrix(c, "X"), queries = new[] { HopfieldGolden.Vector(c, "query") } });
        string[] common = ["--transform", transform, .. extra, "--beta", c.GetProperty("beta").GetDouble().ToString("R"),
            "--post", c.GetProperty("post").GetString()!];

        var one = Run(input, [.. common, "--steps", "1"]);
        Assert.Equal("", one.Stderr);
        Assert.Equal(0, one.ExitCode);
        HopfieldGolden.AssertClose(HopfieldGolden.Vector(expected, "p_step1"), Flat(one.Json, "p"), HopfieldGolden.Tolerance, "p");
        HopfieldGolden.AssertClose(HopfieldGolden.Vector(expected, "q_step1"), Flat(one.Json, "retrieved"), HopfieldGolden.Tolerance, "retrieved");
        Assert.Equal(expected.GetProperty("support_step1").GetInt32(), one.Json.GetProperty("support")[0].GetArrayLength());
        Assert.Equal([1], Ints(one.Json, "steps"));

        var converged = Run(input, [.. common, "--steps", expected.GetProperty("iters_converged").GetInt32().ToString()]);
        HopfieldGolden.AssertClose(HopfieldGolden.Vector(expected, "q_converged"), Flat(converged.Json, "retrieved"), HopfieldGolden.Tolerance, "retrieved");
        HopfieldGolden.AssertClose(HopfieldGolden.Vector(expected, "p_converged"), Flat(converged.Json, "p"), HopfieldGolden.Tolerance, "p");
    }

    [Fact]
    public void Defaults_are_softmax_beta_one_identity_one_step_and_doubles_round_trip()
    {
        var o = Run(Patterns);
        Assert.Equal(0, o.ExitCode);
        double[] x = [1, 1, -1, -1, 1, 1, 1, -1, 1, 0.5, 0.5, 0.5];
        var expected = HopfieldRecall.Run<double>(x, 4, [0.9, 0.8, -0.7, 0.2, 0.3, 0.1], 3,
            new RecallOptions(RetrievalMap.Softmax, 1, PostTransform.Identity, 1, false, ComputeEnergy: true));
        Assert.Equal(expected.Retrieved, Flat(o.Json, "retrieved")); // exact: shortest round-trip output
        Assert.Equal(expected.Weights, Flat(o.Json, "p"));
        Assert.Equal(expected.Energy, o.Json.GetProperty("energy").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([1, 1], Ints(o.Json, "steps"));
        Assert.Equal([0, 1, 2, 3], o.Json.GetProperty("support")[0].EnumerateArray().Select(v => v.GetInt32()));
    }

    [Fact]
    public void Until_stable_stops_each_query_when_p_repeats()
    {
        var o = Run(Patterns, "--transform", "sparsemax", "--steps", "50", "--until-stable");
        Assert.Equal(0, o.ExitCode);
        var steps = Ints(o.Json, "steps");
        Assert.All(steps, s => Assert.InRange(s, 2, 49));
        var fixedRun = Run(Patterns, "--transform", "sparsemax", "--steps", "50");
        Assert.Equal(Flat(fixedRun.Json, "retrieved"), Flat(o.Json, "retrieved"));
    }

    [Fact]
    public void Sequential_k_subsets_selects_k_memories()
    {
        var o = Run(Patterns, "--transform", "sequential-ksubsets", "--beta", "3");
        Assert.Equal(0, o.ExitCode);
        var p = o.Json.GetProperty("p").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.All(p, row => Assert.Equal(2.0, row.Sum(), 6));
        Assert.False(o.Json.TryGetProperty("energy", out _));
    }

    [Fact]
    public void Help_prints_the_usage_and_the_defaults()
    {
        var o = Run("", "--help");
        Assert.Equal(0, o.ExitCode);
        Assert.Contains("softmax (default)", o.Stdout);
        Assert.Contains("--beta B", o.Stdout);
        Assert.Contains("identity (default)", o.Stdout);
    }

    [Theory]
    [InlineData(Patterns, "unknown transform \"magic\"", "--transform", "magic")]
    [InlineData(Patterns, "--alpha: entmax needs alpha", "--transform", "entmax")]
    [InlineData(Patterns, "--alpha: alpha does not apply to softmax", "--alpha", "1.5")]
    [InlineData(Patterns, "--alpha must be greater than 1", "--transform", "normmax", "--alpha", "1")]
    [InlineData(Patterns, "--k: ksubsets needs k", "--transform", "ksubsets")]
    [InlineData(Patterns, "selects 5 memories, more than the 4 stored", "--transform", "ksubsets", "--k", "5")]
    [InlineData(Patterns, "--beta must be a positive number", "--beta", "0")]
    [InlineData(Patterns, "--steps must be a positive integer", "--steps", "0")]
    [InlineData(Patterns, "--post: unknown post-transformation \"l1\"", "--post", "l1")]
    [InlineData(Patterns, "unknown argument \"--temperature\"", "--temperature", "2")]
    [InlineData(Patterns, "--beta given twice", "--beta", "1", "--beta", "2")]
    [InlineData("""{"memories": [[1, 2]], "queries": [[1, 2, 3]]}""", "\"queries\" rows have 3 entries, expected 2")]
    [InlineData("""{"memories": [[1, 2], [3]], "queries": [[1, 2]]}""", "\"memories\" row 1 has 1 entries, expected 2")]
    [InlineData("""{"memories": [[1, "NaN"]], "queries": [[1, 2]]}""", "\"memories\" row 0 column 1 is NaN")]
    [InlineData("""{"memories": [[1, 2]]}""", "input has no \"queries\" field")]
    [InlineData("""{"memories": [[1, 2]], "queries": [[1, 2]], "z": 1}""", "unknown field \"z\"")]
    [InlineData("""{"memories": [[1, 2]], "queries": [[1, """, "malformed JSON input")]
    public void Bad_input_is_one_line_and_exit_code_2(string input, string message, params string[] args)
    {
        var o = Run(input, args);
        Assert.Equal(2, o.ExitCode);
        Assert.Equal("", o.Stdout);
        Assert.StartsWith("agentlab recall: ", o.Stderr);
        Assert.Contains(message, o.Stderr);
        Assert.Single(o.Stderr.TrimEnd().Split('\n'));
    }
}
