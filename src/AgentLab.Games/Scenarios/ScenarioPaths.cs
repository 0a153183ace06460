namespace AgentLab.Games.Scenarios;

/// <summary>Relative data paths are relative to the scenario file, so a scenario runs from any directory.</summary>
internal static class ScenarioPaths
{
    public static string? Resolve(string scenarioFile, string? path) =>
        path == null || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(scenarioFile))!, path));
}
