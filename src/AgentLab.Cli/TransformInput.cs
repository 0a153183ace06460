using System.Globalization;
using System.Text.Json;

namespace AgentLab.Cli;

/// <summary>The validated stdin document of <c>agentlab transform</c>.</summary>
internal sealed record TransformInput(double[][] Z, double[][]? Dy, double[][]? Y)
{
    public static TransformInput Read(JsonElement root, bool bitScores)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new CliInputException("input must be a JSON object with a \"z\" field");
        foreach (var field in root.EnumerateObject())
            if (field.Name is not ("z" or "dy" or "y"))
                throw new CliInputException($"unknown field \"{field.Name}\" (expected \"z\", \"dy\", \"y\")");
        if (!root.TryGetProperty("z", out _)) throw new CliInputException("input has no \"z\" field");
        // −Infinity masks a category; a bit score has no such meaning.
        var z = JsonIo.ReadMatrix(root, "z", allowNegativeInfinity: !bitScores);
        var dy = root.TryGetProperty("dy", out _) ? JsonIo.ReadMatrix(root, "dy", allowNegativeInfinity: false) : null;
        double[][]? y = null;
        if (root.TryGetProperty("y", out _))
        {
            if (bitScores) throw new CliInputException("\"y\" (a loss target) is not supported for topk-sparsemax");
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
        return new TransformInput(z, dy, y);
    }
}
