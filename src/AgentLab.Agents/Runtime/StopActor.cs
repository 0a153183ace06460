namespace AgentLab.Agents.Runtime;

/// <summary>
/// Command: stop after the current message — children first, then PostStop, then watchers are told.
/// <paramref name="Cause"/> is passed on in <see cref="Terminated"/> when the stop is the consequence of a failure.
/// </summary>
internal sealed record StopActor(Exception? Cause) : SystemMessage;
