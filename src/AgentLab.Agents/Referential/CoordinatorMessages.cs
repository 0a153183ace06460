using AgentLab.Channels;
using AgentLab.Numerics;

namespace AgentLab.Agents.Referential;

/// <summary>
/// Command to the coordinator: play and learn from one batch of games, between the given sender and
/// receiver of the population (both 0 when there is one of each).
/// </summary>
public sealed record PlayStep(Tensor Targets, Tensor Candidates, int[] TargetIndex, bool Update = true, int Sender = 0, int Receiver = 0);

/// <summary>The coordinator's reply to <see cref="PlayStep"/>.</summary>
public abstract record StepReply;

/// <summary>The step completed; what it measured.</summary>
public sealed record StepCompleted(StepOutcome Outcome) : StepReply;

/// <summary>
/// An agent failed during the step. It has been restarted (<see cref="Permanent"/> false: restore every
/// agent from the last consistent checkpoint and replay) or, past its restart limit, stopped (true).
/// </summary>
public sealed record StepFailed(string Agent, Exception Cause, bool Permanent) : StepReply;
