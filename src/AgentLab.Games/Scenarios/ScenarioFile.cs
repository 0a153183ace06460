using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AgentLab.Games.Scenarios;

/// <summary>
/// Reads a scenario YAML file and applies command-line overrides ("training.steps=300") before validation,
/// so an override is checked exactly like a value in the file.
/// </summary>
public static class ScenarioFile
{
    public static ScenarioNode Load(string path, IEnumerable<string>? overrides = null)
    {
        if (!System.IO.File.Exists(path)) throw new ScenarioException($"{path}: scenario file not found");
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ScenarioException($"{path}:{e.Start.Line}: not valid YAML: {e.Message}");
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ScenarioException($"{path}: expected one YAML document whose top level is a mapping of keys");
        foreach (string o in overrides ?? []) Apply(path, root, o);
        return new ScenarioNode(path, "", root);
    }

    /// <summary>Sets a dotted key to a scalar value, creating sections as needed.</summary>
    private static void Apply(string path, YamlMappingNode root, string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0) throw new ScenarioException($"{path}: override \"{assignment}\" must look like key.path=value");
        string[] keys = assignment[..eq].Trim().Split('.');
        string value = assignment[(eq + 1)..].Trim();
        var map = root;
        for (int i = 0; i < keys.Length - 1; i++)
        {
            var key = new YamlScalarNode(keys[i]);
            if (!map.Children.TryGetValue(key, out var child)) map.Children[key] = child = new YamlMappingNode();
            map = child as YamlMappingNode
                ?? throw new ScenarioException($"{path}: override \"{assignment}\": \"{string.Join('.', keys[..(i + 1)])}\" is a value, not a section");
        }
        map.Children[new YamlScalarNode(keys[^1])] = new YamlScalarNode(value);
    }

}
