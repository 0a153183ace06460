using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace AgentLab.Games.Scenarios;

/// <summary>
/// Typed, validating access to one mapping of a scenario file. Every key read is remembered, so that
/// <see cref="RejectUnknownKeys"/> can name any key the scenario model does not know (a typo must not be
/// silently ignored). Errors name the file, the line and the dotted key path.
/// </summary>
public sealed class ScenarioNode
{
    private readonly string _file;
    private readonly string _path;
    private readonly YamlMappingNode _map;
    private readonly HashSet<string> _read = new();

    public ScenarioNode(string file, string path, YamlMappingNode map)
    {
        _file = file;
        _path = path;
        _map = map;
    }

    public string File => _file;

    private string KeyPath(string key) => _path.Length == 0 ? key : _path + "." + key;

    private YamlNode? Find(string key)
    {
        _read.Add(key);
        return _map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;
    }

    public ScenarioException Error(string key, YamlNode? node, string problem)
    {
        string where = node != null ? $":{node.Start.Line}" : "";
        return new ScenarioException($"{_file}{where}: \"{KeyPath(key)}\" {problem}");
    }

    public ScenarioNode Section(string key)
    {
        var node = Find(key);
        if (node == null) return new ScenarioNode(_file, KeyPath(key), new YamlMappingNode());
        if (node is not YamlMappingNode map) throw Error(key, node, "must be a mapping of keys");
        return new ScenarioNode(_file, KeyPath(key), map);
    }

    private string? Scalar(string key, out YamlNode? node)
    {
        node = Find(key);
        if (node == null) return null;
        if (node is not YamlScalarNode scalar) throw Error(key, node, "must be a single value");
        return scalar.Value;
    }

    public int Int(string key, int fallback, int min, int max)
    {
        string? text = Scalar(key, out var node);
        if (text == null) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            throw Error(key, node, $"must be an integer, got \"{text}\"");
        if (value < min || value > max) throw Error(key, node, $"must be between {min} and {max}, got {value}");
        return value;
    }

    public long Long(string key, long fallback, long min, long max)
    {
        string? text = Scalar(key, out var node);
        if (text == null) return fallback;
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
            throw Error(key, node, $"must be an integer, got \"{text}\"");
        if (value < min || value > max) throw Error(key, node, $"must be between {min} and {max}, got {value}");
        return value;
    }

    public double Double(string key, double fallback, double min, double max) => OptionalDouble(key, min, max) ?? fallback;

    public double? OptionalDouble(string key, double min, double max)
    {
        string? text = Scalar(key, out var node);
        if (text == null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw Error(key, node, $"must be a number, got \"{text}\"");
        if (value < min || value > max) throw Error(key, node, $"must be between {min} and {max}, got {value}");
        return value;
    }

    public string String(string key, string fallback, IReadOnlyCollection<string>? allowed = null)
    {
        string? text = Scalar(key, out var node);
        if (text == null) return fallback;
        if (allowed != null && !allowed.Contains(text))
            throw Error(key, node, $"must be one of {string.Join(", ", allowed)}, got \"{text}\"");
        return text;
    }

    public string? OptionalString(string key) => Scalar(key, out _);

    public bool Bool(string key, bool fallback)
    {
        string? text = Scalar(key, out var node);
        if (text == null) return fallback;
        return text switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => throw Error(key, node, $"must be true or false, got \"{text}\""),
        };
    }

    /// <summary>
    /// A list of values: a YAML sequence of scalars, or one scalar holding comma-separated values (so that a
    /// command-line override such as <c>memory.seeds=0,1</c> can set a list). Null when the key is absent.
    /// </summary>
    public IReadOnlyList<string>? OptionalStringList(string key)
    {
        var node = Find(key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                return (scalar.Value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            case YamlSequenceNode sequence:
                var items = new List<string>(sequence.Children.Count);
                for (int i = 0; i < sequence.Children.Count; i++)
                    items.Add(sequence.Children[i] is YamlScalarNode item ? item.Value ?? ""
                        : throw Error($"{key}[{i}]", sequence.Children[i], "must be a single value"));
                return items;
            default:
                throw Error(key, node, "must be a list of values");
        }
    }

    public IReadOnlyList<string> StringList(string key, IReadOnlyList<string> fallback, IReadOnlyCollection<string> allowed)
    {
        var items = NonEmpty(key, OptionalStringList(key)) ?? fallback;
        for (int i = 0; i < items.Count; i++)
            if (!allowed.Contains(items[i]))
                throw Error(key, Find(key), $"must list values among {string.Join(", ", allowed)}, got \"{items[i]}\" at position {i + 1}");
        return items;
    }

    public IReadOnlyList<int> IntList(string key, IReadOnlyList<int> fallback, int min, int max)
    {
        var items = NonEmpty(key, OptionalStringList(key));
        if (items == null) return fallback;
        var values = new int[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            if (!int.TryParse(items[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]))
                throw Error(key, Find(key), $"must be a list of integers, got \"{items[i]}\" at position {i + 1}");
            if (values[i] < min || values[i] > max)
                throw Error(key, Find(key), $"must list integers between {min} and {max}, got {values[i]} at position {i + 1}");
        }
        return values;
    }

    private IReadOnlyList<string>? NonEmpty(string key, IReadOnlyList<string>? items) =>
        items is { Count: 0 } ? throw Error(key, Find(key), "must list at least one value") : items;

    /// <summary>
    /// A YAML sequence of mappings, one node per item (paths "key[0]", "key[1]", ...). A scalar item is shorthand
    /// for a mapping with the single key <paramref name="scalarKey"/> (e.g. "- softmax" for "- {name: softmax}").
    /// Null when the key is absent; call <see cref="RejectUnknownKeys"/> on every item once it is read.
    /// </summary>
    public IReadOnlyList<ScenarioNode>? OptionalSectionList(string key, string scalarKey)
    {
        var node = Find(key);
        if (node == null) return null;
        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
            throw Error(key, node, "must be a non-empty list (a YAML sequence)");
        var items = new List<ScenarioNode>(sequence.Children.Count);
        for (int i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i] switch
            {
                YamlMappingNode map => map,
                YamlScalarNode scalar => new YamlMappingNode(new YamlScalarNode(scalarKey), scalar),
                var other => throw Error($"{key}[{i}]", other, "must be a value or a mapping of keys"),
            };
            items.Add(new ScenarioNode(_file, $"{KeyPath(key)}[{i}]", item));
        }
        return items;
    }

    /// <summary>Throws for the first key of this mapping that nothing has read.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (keyNode, value) in _map.Children)
        {
            string key = ((YamlScalarNode)keyNode).Value ?? "";
            if (!_read.Contains(key))
                throw new ScenarioException($"{_file}:{keyNode.Start.Line}: unknown key \"{KeyPath(key)}\" (known here: {string.Join(", ", _read.Order())})");
        }
    }
}
