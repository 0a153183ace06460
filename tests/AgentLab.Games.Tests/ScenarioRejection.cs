using AgentLab.Games.Scenarios;

namespace AgentLab.Games.Tests;

/// <summary>Writes a scenario file, expects its parser to reject it, and checks the error names the file.</summary>
internal static class ScenarioRejection
{
    public static ScenarioException Reject(string yaml, Func<ScenarioNode, object> parse, params string[] overrides)
    {
        using var dir = new TempDirectory();
        string path = dir.File("bad.yaml");
        File.WriteAllText(path, yaml);
        var ex = Assert.Throws<ScenarioException>(() => parse(ScenarioFile.Load(path, overrides)));
        Assert.Contains(path, ex.Message);
        return ex;
    }
}
