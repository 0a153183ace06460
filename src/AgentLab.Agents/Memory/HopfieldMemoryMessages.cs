using AgentLab.Memory;
using AgentLab.Numerics;

namespace AgentLab.Agents.Memory;

/// <summary>Command to the memory: append these patterns, rows of a [K, D] tensor (or one [D] pattern), in order.</summary>
public sealed record Store(Tensor Patterns);

/// <summary>The memory's reply to <see cref="Store"/>: the index of each stored pattern, and the new count.</summary>
public sealed record Stored(int[] Indices, int Count);

/// <summary>
/// Question to the memory: recall the rows of <paramref name="Queries"/> [B, D]. Without <paramref name="Options"/>
/// the actor's default options apply.
/// </summary>
public sealed record Recall(Tensor Queries, RecallOptions? Options = null);

/// <summary>The memory's reply to <see cref="Recall"/>: retrieved states, weights, supports and steps per query.</summary>
public sealed record Recalled(RecallResult<float> Result);

/// <summary>Command to the memory: remove the pattern at <paramref name="Index"/> (later patterns move down by one).</summary>
public sealed record Forget(int Index);

/// <summary>The memory's reply to <see cref="Forget"/>: the new count.</summary>
public sealed record Forgotten(int Index, int Count);
