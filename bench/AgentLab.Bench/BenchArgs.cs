namespace AgentLab.Bench;

/// <summary>"--name value" options of the plain side-by-side commands; unknown or malformed ones are errors.</summary>
internal sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new();

    public BenchArgs(string command, IReadOnlyList<string> args, params string[] known)
    {
        Command = command;
        for (int i = 0; i < args.Count; i++)
        {
            string key = args[i].StartsWith("--") ? args[i][2..] : throw new ArgumentException($"{command}: unexpected argument \"{args[i]}\"");
            if (!known.Contains(key)) throw new ArgumentException($"{command}: unknown option --{key} (known: {string.Join(", ", known.Select(k => "--" + k))})");
            if (i + 1 >= args.Count) throw new ArgumentException($"{command}: --{key} needs a value");
            _values[key] = args[++i];
        }
    }

    public string Command { get; }

    public int Int(string key, int fallback) => _values.TryGetValue(key, out var v)
        ? int.TryParse(v, out int n) && n > 0 ? n : throw new ArgumentException($"{Command}: --{key} must be a positive integer, got \"{v}\"")
        : fallback;

    public float Float(string key, float fallback) => _values.TryGetValue(key, out var v)
        ? float.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out float f) ? f : throw new ArgumentException($"{Command}: --{key} must be a number, got \"{v}\"")
        : fallback;

    public string String(string key, string? fallback = null) => _values.TryGetValue(key, out var v)
        ? v : fallback ?? throw new ArgumentException($"{Command}: --{key} is required");
}
