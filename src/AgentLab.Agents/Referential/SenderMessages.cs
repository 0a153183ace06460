using AgentLab.Numerics;

namespace AgentLab.Agents.Referential;

/// <summary>Command to the sender: encode these targets (a forward message carrying activations).</summary>
public sealed record EncodeTargets(Tensor Targets);

/// <summary>The sender's reply: its message scores [B, V].</summary>
public sealed record ScoresEncoded(Tensor Scores);

/// <summary>Command to the sender: learn from the cotangent of the scores it sent (a backward message).</summary>
public sealed record ApplyScoreCotangents(float[] DScores, bool Update);

/// <summary>The sender's reply: it has back-propagated (and stepped).</summary>
public sealed record SenderUpdated;
