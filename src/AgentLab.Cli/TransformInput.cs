using System.Globalization;
using System.Text.Json;

namespace AgentLab.Cli;

/// <summary>The validated stdin document of <c>agentlab transform</c>.</summary>
/// <param name="Pair">Sequence SparseMAP only: each row's n − 1 scores of consecutive on–on pairs.</param>
internal sealed record TransformInput(double[][] Z, double[][]? Dy, double[][]? Y, double[][]? Pair = null)
{
    public static TransformInput Read(JsonElement root, TransformOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new CliInputException("input must be a JSON object with a \"z\" field");
        bool pairScores = options.Structure == "sequence";
        foreach (var field in root.EnumerateObject())
            if (field.Name is not ("z" or "dy" or "y") && !(pairScores && field.Name == "pair"))
                throw new CliInputException($"unknown field \"{field.Name}\" (expected \"z\", \"dy\", \"y\"" + (pairScores ? ", \"pair\")" : ")"));
        if (!root.TryGetProperty("z", out _)) throw new CliInputException("input has no \"z\" field");
        // −Infinity masks a category; a bit score has no such meaning.
        bool bitScores = options.Name is "topk-sparsemax" or "sparsemap";
        var z = JsonIo.ReadMatrix(root, "z", allowNegativeInfinity: !bitScores);
        var dy = root.TryGetProperty("dy", out _) ? JsonIo.ReadMatrix(root, "dy", allowNegativeInfinity: false) : null;
        double[][]? pair = null;
        if (pairScores)
        {
            if (z[0].Length < 2) throw new CliInputException("a sequence needs at least 2 variables per row of \"z\"");
            if (!root.TryGetProperty("pair", out _))
                throw new CliInputException("the sequence structure needs \"pair\": each row's n - 1 scores of consecutive on-on pairs");
            pair = JsonIo.ReadMatrix(root, "pair", allowNegativeInfinity: false);
            if (pair.Length != z.Length) throw new CliInputException($"\"pair\" has {pair.Length} rows, expected {z.Length} (as \"z\")");
            if (pair[0].Length != z[0].Length - 1)
                throw new CliInputException($"\"pair\" rows have {pair[0].Length} entries, expected {z[0].Length - 1} (one per consecutive pair of the {z[0].Length} variables)");
        }
        double[][]? y = null;
        if (root.TryGetProperty("y", out _))
        {
            if (bitScores) throw new CliInputException($"\"y\" (a loss target) is not supported for {options.Name}");
            y = JsonIo.ReadMatrix(root, "y", allowNegativeInfinity: false);
            for (int r = 0; r < y.Length; r++)
            {
                for (int c = 0; c < y[r].Length; c++)
                    if (y[r][c] < 0) throw new CliInputException($"\"y\" row {r} column {c} is negative; targets are distributions");
                double sum = y[r].Sum();
                if (Math.Abs(sum - 1) > 1e-6)
                    throw new CliInputException($"\"y\" row {r} sums to {sum.ToString("R", CultureInfo.InvariantCulture)}, expected 1");
            }
        }
        return new TransformInput(z, dy, y, pair);
    }
}
