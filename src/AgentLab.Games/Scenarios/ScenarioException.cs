namespace AgentLab.Games.Scenarios;

/// <summary>A scenario file or override is wrong; the message names the file, the key and what was expected.</summary>
public sealed class ScenarioException(string message) : Exception(message);
