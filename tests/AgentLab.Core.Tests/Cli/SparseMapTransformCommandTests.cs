using System.Text.Json;
using AgentLab.Cli;
using AgentLab.Tests.Sparse;
using AgentLab.Tests.Sparse.SparseMap;

namespace AgentLab.Tests.Cli;

/// <summary>
/// <c>agentlab transform sparsemap</c> against every sparsemap_* golden case (docs/ALGORITHMS.md §0, §7.4):
/// marginals, pair marginals and the marginal VJP always, the decomposition where the case marks it stable
/// (elsewhere the decomposition is checked for validity, since it is not unique).
/// </summary>
public class SparseMapTransformCommandTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string> Cases => GoldenProblem.AllIds();

    private static (int Code, string Stdout, string Stderr) Run(string input, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = TransformCommand.Run(args, new StringReader(input), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static double[] Row(JsonElement json, string name, int row = 0) =>
        json.GetProperty(name)[row].EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>The command line and stdin document a golden case corresponds to.</summary>
    private static (string[] Args, string Input) Invocation(GoldenCase c, double[]? dy, double scale = 1)
    {
        string kind = c.Params["budget_kind"].GetString() == "exact" ? "exact" : "at-most";
        var z = new[] { c.X.Select(v => v * scale).ToArray() };
        string[] args = c.Op switch
        {
            "sparsemap_ksubset" => ["sparsemap", "--structure", "ksubsets", "--k", c.K.ToString(), "--budget-kind", kind],
            "sparsemap_bitvector_budget" => ["sparsemap", "--structure", "budget", "--k", c.Budget.ToString()],
            _ => ["sparsemap", "--structure", "sequence", "--k", c.Budget.ToString(), "--budget-kind", kind],
        };
        var document = new Dictionary<string, object> { ["z"] = z };
        if (c.WPair is { } w) document["pair"] = new[] { w.Select(v => v * scale).ToArray() };
        if (dy is not null) document["dy"] = new[] { dy };
        return (args, JsonSerializer.Serialize(document));
    }

    [Theory, MemberData(nameof(Cases))]
    public void Golden_case_through_the_command(string id)
    {
        var p = GoldenProblem.Of(id);
        var dy = p.Case.CotangentMarginals ?? Enumerable.Range(0, p.N).Select(i => 1.0 + i).ToArray();
        var (args, input) = Invocation(p.Case, dy);
        var (code, stdout, stderr) = Run(input, args);
        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Expect.Close(p.GoldenOnMarginals, Row(json, "marginals"), Tolerance, 0, "marginals");
        var activeSet = json.GetProperty("active_set")[0].EnumerateArray().Select(v => v.GetString()!).ToArray();
        var weights = Row(json, "weights");
        Assert.Equal(activeSet.Length, weights.Length);
        if (p.Case.ActiveSetStable == true)
        {
            Assert.Equal(p.Case.ActiveSet!, activeSet);
            Expect.Close(p.Case.Weights!, weights, Tolerance, 0, "weights");
        }
        Decomposition.AssertValid(p.Structure, activeSet.Select(AgentLab.Sparse.SparseMap.BitConfiguration.Parse).ToArray(), weights,
            p.GoldenOnMarginals, p.Case.MarginalsPair, Tolerance);
        if (p.Case.MarginalsPair is { } pairs) Expect.Close(pairs, Row(json, "pair_marginals"), Tolerance, 0, "pair_marginals");
        else Assert.False(json.TryGetProperty("pair_marginals", out _));
        if (p.Case.VjpXFromMarginals is { } vjp) Expect.Close(vjp, Row(json, "vjp"), Tolerance, 0, "vjp");
        Assert.Equal(p.N, Row(json, "vjp").Length);
    }

    /// <summary>
    /// ∂⟨dy, μ_on⟩/∂z and ∂/∂pair by central differences through the command itself; μ is piecewise linear
    /// in the scores, so a small step away from the golden inputs' kinks is exact up to rounding.
    /// </summary>
    [Theory]
    [InlineData("sparsemap_ksubset_exact/in1/k3")]
    [InlineData("sparsemap_bitvector_budget/in3/B3")]
    [InlineData("sparsemap_seq_budget/in1/k3/atmost")]
    [InlineData("sparsemap_seq_budget/in1/k2/exact")]
    public void Vjp_matches_finite_differences(string id)
    {
        var c = GoldenTransforms.Get(id);
        double[] dy = Enumerable.Range(0, c.X.Length).Select(i => Math.Sin(1.0 + i)).ToArray();
        var (args, input) = Invocation(c, dy);
        var json = JsonDocument.Parse(Run(input, args).Stdout).RootElement;
        var vjp = Row(json, "vjp");
        const double h = 1e-6;
        for (int i = 0; i < c.X.Length; i++)
        {
            double Objective(double step)
            {
                var moved = c with { X = c.X.Select((v, j) => j == i ? v + step : v).ToArray() };
                var (a, inp) = Invocation(moved, null);
                var marginals = Row(JsonDocument.Parse(Run(inp, a).Stdout).RootElement, "marginals");
                return marginals.Zip(dy, (m, g) => m * g).Sum();
            }
            Assert.Equal((Objective(h) - Objective(-h)) / (2 * h), vjp[i], 6);
        }
        if (c.WPair is not { } w) return;
        var vjpPair = Row(json, "vjp_pair");
        for (int i = 0; i < w.Length; i++)
        {
            double Objective(double step)
            {
                var moved = c with { WPair = w.Select((v, j) => j == i ? v + step : v).ToArray() };
                var (a, inp) = Invocation(moved, null);
                var marginals = Row(JsonDocument.Parse(Run(inp, a).Stdout).RootElement, "marginals");
                return marginals.Zip(dy, (m, g) => m * g).Sum();
            }
            Assert.Equal((Objective(h) - Objective(-h)) / (2 * h), vjpPair[i], 6);
        }
    }

    [Fact]
    public void Temperature_divides_the_scores_and_the_vjp()
    {
        var c = GoldenTransforms.Get("sparsemap_bitvector_budget/in1/B3");
        var dy = c.CotangentMarginals!;
        var (args, input) = Invocation(c, dy, scale: 0.5);
        var plain = JsonDocument.Parse(Run(input, args).Stdout).RootElement;
        var (args2, input2) = Invocation(c, dy);
        var hot = JsonDocument.Parse(Run(input2, [.. args2, "--temperature", "2"]).Stdout).RootElement;
        Expect.Close(Row(plain, "marginals"), Row(hot, "marginals"), 1e-12, 0, "marginals");
        Expect.Close(Row(plain, "vjp").Select(v => v / 2).ToArray(), Row(hot, "vjp"), 1e-12, 0, "vjp");
    }

    /// <summary>
    /// §7.4(b): the both-states bit-vector has the weights of on-only SparseMAP with scores (x + 1)/2 and half its
    /// Jacobian; with exactly k on, that is the k-subset structure, so the two commands must agree.
    /// </summary>
    [Fact]
    public void Exactly_k_budget_equals_k_subsets_of_the_shifted_scores()
    {
        double[] x = [0.7, -0.4, 0.2, 1.3, -1.1, 0.05];
        double[] dy = [1, -2, 0.5, 3, 0, -1];
        string Input(IEnumerable<double> z) => JsonSerializer.Serialize(new { z = new[] { z.ToArray() }, dy = new[] { dy } });
        var (code, stdout, stderr) = Run(Input(x), "sparsemap", "--structure", "budget", "--k", "3", "--budget-kind", "exact");
        Assert.True(code == 0, stderr);
        var budget = JsonDocument.Parse(stdout).RootElement;
        var subsets = JsonDocument.Parse(Run(Input(x.Select(v => (v + 1) / 2)), "sparsemap", "--structure", "ksubsets", "--k", "3").Stdout).RootElement;
        Expect.Close(Row(subsets, "marginals"), Row(budget, "marginals"), Tolerance, 0, "marginals");
        Expect.Close(Row(subsets, "vjp").Select(v => v / 2).ToArray(), Row(budget, "vjp"), Tolerance, 0, "vjp");
        Assert.Equal(3.0, Row(budget, "marginals").Sum(), 9);
        Assert.False(budget.TryGetProperty("pair_marginals", out _));
    }

    [Fact]
    public void Rows_are_solved_independently()
    {
        var a = GoldenTransforms.Get("sparsemap_bitvector_budget/in0/B2");
        var b = GoldenTransforms.Get("sparsemap_bitvector_budget/in2/B2");
        string input = JsonSerializer.Serialize(new { z = new[] { a.X, b.X } });
        var (code, stdout, stderr) = Run(input, "sparsemap", "--structure", "budget", "--k", "2");
        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Expect.Close(a.MarginalsOn!, Row(json, "marginals", 0), Tolerance, 0, "row 0");
        Expect.Close(b.MarginalsOn!, Row(json, "marginals", 1), Tolerance, 0, "row 1");
        Assert.False(json.TryGetProperty("vjp", out _));
    }

    [Theory]
    [InlineData("""{"z": [[1, 2, 3]]}""", new[] { "sparsemap", "--structure", "trees", "--k", "2" }, "unknown structure \"trees\"")]
    [InlineData("""{"z": [[1, 2, 3]]}""", new[] { "sparsemap", "--structure", "budget" }, "sparsemap needs --k")]
    [InlineData("""{"z": [[1, 2, 3]]}""", new[] { "sparsemap", "--k", "2" }, "sparsemap needs --structure")]
    [InlineData("""{"z": [[1, 2, 3]]}""", new[] { "sparsemap", "--structure", "ksubsets", "--k", "2", "--budget-kind", "some" }, "unknown budget kind \"some\"")]
    [InlineData("""{"z": [[1, 2, 3]]}""", new[] { "sparsemap", "--structure", "budget", "--k", "4", "--budget-kind", "exact" }, "exactly 4 on is impossible")]
    [InlineData("""{"z": [[1, 2, 3]]}""", new[] { "sparsemap", "--structure", "ksubsets", "--k", "4" }, "--k 4 exceeds the 3 variables")]
    [InlineData("""{"z": [[1, 2, 3]]}""", new[] { "sparsemax", "--structure", "ksubsets" }, "--structure does not apply to sparsemax")]
    [InlineData("""{"z": [[1, 2, 3], [1, 2]]}""", new[] { "sparsemap", "--structure", "ksubsets", "--k", "2" }, "\"z\" row 1 has 2 entries, expected 3")]
    [InlineData("""{"z": [[1, "NaN", 3]]}""", new[] { "sparsemap", "--structure", "budget", "--k", "2" }, "\"z\" row 0 column 1 is NaN")]
    [InlineData("""{"z": [[1, "-Infinity", 3]]}""", new[] { "sparsemap", "--structure", "budget", "--k", "2" }, "\"z\" row 0 column 1 is -Infinity; it must be finite")]
    [InlineData("""{"z": [[1, 2, 3]], "dy": [[1, 2]]}""", new[] { "sparsemap", "--structure", "budget", "--k", "2" }, "\"dy\" rows have 2 entries, expected 3")]
    [InlineData("""{"z": [[1, 2, 3]], "y": [[1, 0, 0]]}""", new[] { "sparsemap", "--structure", "budget", "--k", "2" }, "not supported for sparsemap")]
    [InlineData("""{"z": [[1, 2, 3]]}""", new[] { "sparsemap", "--structure", "sequence", "--k", "2" }, "the sequence structure needs \"pair\"")]
    [InlineData("""{"z": [[1, 2, 3]], "pair": [[1, 2, 3]]}""", new[] { "sparsemap", "--structure", "sequence", "--k", "2" }, "\"pair\" rows have 3 entries, expected 2")]
    [InlineData("""{"z": [[1, 2, 3]], "pair": [[1, 2], [1, 2]]}""", new[] { "sparsemap", "--structure", "sequence", "--k", "2" }, "\"pair\" has 2 rows, expected 1")]
    [InlineData("""{"z": [[1, 2, 3]], "pair": [[1, "NaN"]]}""", new[] { "sparsemap", "--structure", "sequence", "--k", "2" }, "\"pair\" row 0 column 1 is NaN")]
    [InlineData("""{"z": [[1, 2, 3]], "pair": [[1, 2]]}""", new[] { "sparsemap", "--structure", "budget", "--k", "2" }, "unknown field \"pair\"")]
    [InlineData("""{"z": [[1]], "pair": [[1]]}""", new[] { "sparsemap", "--structure", "sequence", "--k", "1" }, "at least 2 variables")]
    [InlineData("""{"z": [[1, 2]], "pair": [[1]]}""", new[] { "sparsemap", "--structure", "sequence", "--k", "3", "--budget-kind", "exact" }, "exactly 3 on is impossible")]
    public void Errors_print_one_line_and_exit_with_2(string input, string[] args, string message)
    {
        var (code, stdout, stderr) = Run(input, args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("agentlab transform: ", lines[0]);
        Assert.Contains(message, lines[0]);
    }
}
