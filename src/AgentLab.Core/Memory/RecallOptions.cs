using System.Globalization;

namespace AgentLab.Memory;

/// <summary>
/// How a batch of queries is recalled: p = <paramref name="Map"/>(β X q), q = post(Xᵀp), for
/// <paramref name="MaxSteps"/> updates (the reference dynamics: fixed count, no early stop), or fewer per
/// query when <paramref name="StopWhenStable"/> and p repeats exactly.
/// </summary>
/// <param name="Map">The transform over the memories.</param>
/// <param name="Beta">Inverse temperature β &gt; 0.</param>
/// <param name="Post">Applied once to the memories and the queries, then after every update.</param>
/// <param name="MaxSteps">Updates per query, ≥ 1.</param>
/// <param name="StopWhenStable">
/// Stop a query after the first update whose p equals the previous update's p exactly (that update left q
/// unchanged, so every later one would too).
/// </param>
/// <param name="ComputeEnergy">Also compute the energy of the final states (identity post only; costs one more step's work).</param>
public sealed record RecallOptions(RetrievalMap Map, double Beta, PostTransform Post, int MaxSteps, bool StopWhenStable,
    bool ComputeEnergy = false)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the bad field.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Map, nameof(Map));
        if (!double.IsFinite(Beta) || !(Beta > 0))
            throw new ArgumentException($"beta must be a positive finite number, got {Beta.ToString("R", CultureInfo.InvariantCulture)}", "beta");
        if (MaxSteps < 1) throw new ArgumentException($"steps must be at least 1, got {MaxSteps}", "steps");
        if (!Enum.IsDefined(Post)) throw new ArgumentException($"unknown post-transformation {Post}", "post");
        if (ComputeEnergy && Post != PostTransform.Identity)
            throw new ArgumentException($"the energy is defined for the identity post-transformation only, not {Post.ToName()}", "post");
        if (ComputeEnergy && !Map.HasEnergy) throw new ArgumentException($"the energy is not defined for {Map}", "map");
    }
}
