namespace AgentLab.Sparse;

/// <summary>
/// What a single-row forward pass of a thresholded map reports besides the probabilities.
/// </summary>
/// <param name="Tau">
/// The threshold in the convention of docs/ALGORITHMS.md §3–5, expressed for s = scores / temperature:
/// sparsemax p = [s − τ]₊, 1.5-entmax p = [s/2 − τ]₊², α-entmax p ∝ [(α−1)s − τ]₊^(1/(α−1)),
/// normmax p ∝ [s − τ]₊^(1/(α−1)). For the bisection maps it is derived from the returned p (largest entry).
/// </param>
/// <param name="SupportSize">Number of entries with p &gt; 0.</param>
public readonly record struct RowThreshold<T>(T Tau, int SupportSize);
