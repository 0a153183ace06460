using AgentLab.Numerics;

namespace AgentLab.Memory;

/// <summary>The recorded outcome of <see cref="HopfieldOps.HopfieldRecall"/>: final states [B x D], weights [B x N], updates run.</summary>
public sealed record HopfieldRecallVars(Var Retrieved, Var Weights, int Steps);
