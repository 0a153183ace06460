using System.Text;

namespace AgentLab.Cli;

/// <summary>One scenario key of a sweep and the values it takes, from `--grid key.path=v1,v2,...`.</summary>
internal sealed record SweepAxis(string Key, IReadOnlyList<string> Values);

/// <summary>
/// The grid of `agentlab sweep`: the cartesian product of its axes, the first axis varying slowest. Each
/// point is a list of overrides (key=value) applied after the command's --set, so the scenario checks a
/// swept value exactly as it checks one in the file.
/// </summary>
internal static class SweepGrid
{
    public static List<SweepAxis> Parse(IReadOnlyList<string> specs, IReadOnlyList<string> setOverrides)
    {
        if (specs.Count == 0) throw new ArgumentException("--grid is required: give at least one key.path=v1,v2,...");
        var axes = new List<SweepAxis>();
        foreach (string spec in specs)
        {
            int eq = spec.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--grid \"{spec}\" must look like key.path=v1,v2,...");
            string key = spec[..eq].Trim();
            var values = spec[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries);
            if (values.Any(v => v.Length == 0)) throw new ArgumentException($"--grid {key}: an empty value in \"{spec[(eq + 1)..]}\"");
            if (values.Distinct().Count() != values.Length) throw new ArgumentException($"--grid {key}: a value is repeated in \"{spec[(eq + 1)..]}\"");
            if (key == "training.method") throw new ArgumentException("--grid training.method: give the methods with --methods instead");
            if (axes.Any(a => a.Key == key)) throw new ArgumentException($"--grid {key} is given twice; give all its values in one --grid");
            if (setOverrides.Any(o => o.StartsWith(key + "=", StringComparison.Ordinal)))
                throw new ArgumentException($"--grid {key} is also fixed by --set or --steps; sweep it or fix it, not both");
            axes.Add(new SweepAxis(key, values));
        }
        return axes;
    }

    /// <summary>Every point of the grid as its overrides, in order.</summary>
    public static List<List<string>> Points(IReadOnlyList<SweepAxis> axes)
    {
        var points = new List<List<string>> { new() };
        foreach (var axis in axes)
            points = points.SelectMany(point => axis.Values.Select(value => new List<string>(point) { $"{axis.Key}={value}" })).ToList();
        return points;
    }

    /// <summary>
    /// The rows of the table: every method at every point. The label names the method and the point; the
    /// directory is METHOD/key=value,... with anything but letters, digits and . _ - + = , replaced by _.
    /// </summary>
    public static List<ComparisonRow> Rows(IReadOnlyList<string> methods, IReadOnlyList<SweepAxis> axes)
        => methods.SelectMany(method => Points(axes).Select(point => new ComparisonRow(
            $"{method} {string.Join(" ", point)}", method, Path.Combine(method, SafeName(string.Join(",", point))), point))).ToList();

    private static string SafeName(string text)
    {
        var name = new StringBuilder(text.Length);
        foreach (char c in text) name.Append(char.IsAsciiLetterOrDigit(c) || "._-+=,".Contains(c) ? c : '_');
        return name.ToString();
    }
}
