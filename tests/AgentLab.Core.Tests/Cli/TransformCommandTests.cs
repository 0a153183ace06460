using System.Text.Json;
using AgentLab.Cli;
using AgentLab.Sparse;

namespace AgentLab.Tests.Cli;

public class TransformCommandTests
{
    private sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;
    }

    private static Outcome Run(string input, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = TransformCommand.Run(args, new StringReader(input), stdout, stderr);
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }

    private static double[][] Matrix(JsonElement json, string name) =>
        json.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();

    [Fact]
    public void Sparsemax_writes_p_support_vjp_and_loss()
    {
        var o = Run("""{"z": [[1.0, 0.5, -2.0], [0.0, 0.0, 0.0]], "dy": [[1, 2, 3], [1, 0, 0]], "y": [[0, 1, 0], [1, 0, 0]]}""", "sparsemax");
        Assert.Equal(0, o.ExitCode);
        Assert.Equal("", o.Stderr);
        var json = o.Json;
        Assert.Equal([[0.75, 0.25, 0.0], [1.0 / 3, 1.0 / 3, 1.0 / 3]], Matrix(json, "p"));
        Assert.Equal([[0, 1], [0, 1, 2]], json.GetProperty("support").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray()));
        // On the support dx = dy − mean(dy_S): row 0 → [−0.5, 0.5, 0].
        var vjp = Matrix(json, "vjp");
        Assert.Equal([-0.5, 0.5, 0.0], vjp[0]);
        Assert.All(vjp[1].Zip([2.0 / 3, -1.0 / 3, -1.0 / 3]), pair => Assert.Equal(pair.Second, pair.First, 15));
        var loss = json.GetProperty("loss").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var grad = new double[3];
        Assert.Equal(Sparsemax.Loss<double>([1.0, 0.5, -2.0], 1, grad, 1.0), loss[0], 15);
        Assert.Equal(grad, Matrix(json, "loss_grad")[0]);
    }

    [Fact]
    public void Doubles_round_trip_exactly()
    {
        double[] z = [0.1, 0.7, 0.3000000000000001];
        var o = Run(JsonSerializer.Serialize(new { z = new[] { z } }), "softmax", "--temperature", "0.3");
        var p = new double[3];
        Softmax.Forward<double>(z, p, 0.3);
        Assert.Equal(p, Matrix(o.Json, "p")[0]); // exact: shortest round-trip output
    }

    [Fact]
    public void Masked_entries_are_accepted_as_negative_infinity_strings()
    {
        var o = Run("""{"z": [[0.3, "-Infinity", 1.2]]}""", "entmax15");
        Assert.Equal(0, o.ExitCode);
        var p = Matrix(o.Json, "p")[0];
        Assert.Equal(0.0, p[1]);
        Assert.Equal(1.0, p.Sum(), 12);
    }

    [Theory]
    [InlineData("entmax", "1.5")]
    [InlineData("normmax", "2")]
    public void Bisection_maps_take_alpha(string name, string alpha)
    {
        var o = Run("""{"z": [[-2, 0, 0.5]], "dy": [[1, 0, 0]]}""", name, "--alpha", alpha);
        Assert.Equal(0, o.ExitCode);
        double[] expected = new double[3];
        if (name == "entmax") EntmaxBisect.Forward<double>([-2, 0, 0.5], expected, 1.5, 1.0);
        else NormmaxBisect.Forward<double>([-2, 0, 0.5], expected, 2.0, 1.0);
        Assert.Equal(expected, Matrix(o.Json, "p")[0]);
        // The VJP with dy = e_0 is the gradient of p_0: check it by central differences of the forward map.
        double[] z = [-2, 0, 0.5], vjp = Matrix(o.Json, "vjp")[0];
        Assert.Equal(3, vjp.Length);
        const double h = 1e-6;
        for (int i = 0; i < 3; i++)
        {
            double[] up = (double[])z.Clone(), down = (double[])z.Clone(), pUp = new double[3], pDown = new double[3];
            up[i] += h; down[i] -= h;
            if (name == "entmax") { EntmaxBisect.Forward<double>(up, pUp, 1.5, 1.0); EntmaxBisect.Forward<double>(down, pDown, 1.5, 1.0); }
            else { NormmaxBisect.Forward<double>(up, pUp, 2.0, 1.0); NormmaxBisect.Forward<double>(down, pDown, 2.0, 1.0); }
            double fd = (pUp[0] - pDown[0]) / (2 * h);
            Assert.True(Math.Abs(fd - vjp[i]) < 1e-5, $"{name}: vjp[{i}] = {vjp[i]:R}, finite difference {fd:R}");
        }
    }

    [Fact]
    public void Topk_sparsemax_writes_configs_best_first_and_the_vjp()
    {
        var o = Run("""{"z": [[0.5, -0.25]], "dy": [[1, 0, 0, 0]]}""", "topk-sparsemax", "--k", "10", "--temperature", "10");
        Assert.Equal(0, o.ExitCode);
        var json = o.Json;
        Assert.Equal(["10", "11", "00", "01"], json.GetProperty("configs")[0].EnumerateArray().Select(v => v.GetString()));
        Assert.Equal([0.5, 0.25, 0.0, -0.25], Matrix(json, "config_scores")[0]);
        var p = Matrix(json, "p")[0];
        Assert.Equal(4, p.Length);
        Assert.Equal(1.0, p.Sum(), 12);
        var expectedBits = Matrix(json, "expected_bits")[0];
        Assert.Equal(p[0] + p[1], expectedBits[0], 15);
        var vjp = Matrix(json, "vjp")[0];
        var dx = new double[2];
        var configs = new byte[] { 1, 0, 1, 1, 0, 0, 0, 1 };
        TopKSparsemax.Backward<double>(configs, p, [1.0, 0, 0, 0], dx, 10, 10.0);
        Assert.Equal(dx, vjp);
        Assert.NotEqual(0.0, vjp[0]);
    }

    [Theory]
    [InlineData("""{"z": [[1, 2, 3, 4, 5], [1, 2, 3, 4]]}""", new[] { "sparsemax" }, "\"z\" row 1 has 4 entries, expected 5")]
    [InlineData("""{"z": [[1, 2}""", new[] { "sparsemax" }, "malformed JSON input")]
    [InlineData("""{"z": [[1, "NaN"]]}""", new[] { "softmax" }, "\"z\" row 0 column 1 is NaN")]
    [InlineData("""{"z": [[1, 2]]}""", new[] { "sparsemaxx" }, "unknown transform \"sparsemaxx\"")]
    [InlineData("""{"z": [[1, 2]]}""", new[] { "sparsemax", "--beta", "2" }, "unknown option --beta")]
    [InlineData("""{"z": [[1, 2]]}""", new[] { "entmax" }, "entmax needs --alpha")]
    [InlineData("""{"z": [[1, 2]]}""", new[] { "normmax" }, "normmax needs --alpha")]
    [InlineData("""{"z": [[1, 2]]}""", new[] { "topk-sparsemax" }, "topk-sparsemax needs --k")]
    [InlineData("""{"z": [[1, 2]]}""", new[] { "entmax15", "--alpha", "1.5" }, "--alpha does not apply to entmax15")]
    [InlineData("""{"z": [[1, 2]]}""", new[] { "entmax", "--alpha", "1" }, "--alpha must be greater than 1")]
    [InlineData("""{"z": [[1, 2]]}""", new[] { "softmax", "--temperature" }, "--temperature needs a value")]
    [InlineData("""{"z": [[1, 2]]}""", new[] { "softmax", "--temperature", "-1" }, "--temperature must be a positive number")]
    [InlineData("""{"z": [[1, 2]]}""", new string[0], "missing transform name")]
    [InlineData("""{"z": [[1, 2]], "dy": [[1, 2, 3]]}""", new[] { "sparsemax" }, "\"dy\" rows have 3 entries, expected 2")]
    [InlineData("""{"z": [[1, 2]], "y": [[0.5, 0.6]]}""", new[] { "sparsemax" }, "\"y\" row 0 sums to")]
    [InlineData("""{"z": [[1, 2]], "w": 1}""", new[] { "sparsemax" }, "unknown field \"w\"")]
    [InlineData("""{"z": []}""", new[] { "sparsemax" }, "\"z\" has no rows")]
    [InlineData("""{"z": [["-Infinity", "-Infinity"]]}""", new[] { "sparsemax" }, "has no finite entry")]
    [InlineData("""{"z": [[1, "Infinity"]]}""", new[] { "sparsemax" }, "\"z\" row 0 column 1 is Infinity")]
    [InlineData("""{"z": [[1, 2]], "y": [[1, 0]]}""", new[] { "topk-sparsemax", "--k", "2" }, "not supported for topk-sparsemax")]
    [InlineData("""{"z": [[1, 2]]}""", new[] { "topk-sparsemax", "--k", "0" }, "--k must be a positive integer")]
    [InlineData("[1, 2]", new[] { "sparsemax" }, "input must be a JSON object")]
    public void Errors_print_one_line_and_exit_with_2(string input, string[] args, string message)
    {
        var o = Run(input, args);
        Assert.Equal(2, o.ExitCode);
        Assert.Equal("", o.Stdout);
        string[] lines = o.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("agentlab transform: ", lines[0]);
        Assert.Contains(message, lines[0]);
        Assert.DoesNotContain("   at ", o.Stderr);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_prints_the_usage_without_reading_input(string flag)
    {
        var o = Run("", flag);
        Assert.Equal(0, o.ExitCode);
        Assert.StartsWith("usage: agentlab transform NAME", o.Stdout);
        Assert.Contains("--structure ksubsets|budget|sequence", o.Stdout);
        Assert.Contains("topk-sparsemax", o.Stdout);
    }
}
