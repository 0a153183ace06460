namespace AgentLab.Memory;

/// <summary>
/// Constrained sparsemax (HOPFIELD.md §3, the reference's <c>double_constrained_sparsemax</c>):
/// p = argmin ‖p − θ‖² over the simplex with caps p ≤ u, i.e. p_i = clip(θ_i − τ, 0, u_i) with Σp = 1.
/// Σ clip(θ − τ, 0, u) is piecewise linear and non-increasing in τ with breakpoints θ_i (a coordinate leaves 0)
/// and θ_i − u_i (it reaches its cap); τ is found by the Pardalos–Kovoor breakpoint search, O(N log N).
/// </summary>
public static class ConstrainedSparsemax
{
    /// <summary>Writes p into <paramref name="probs"/> and returns τ.</summary>
    /// <exception cref="ArgumentException">Lengths differ, a value is not finite, a cap is negative or Σu &lt; 1.</exception>
    public static double Forward(ReadOnlySpan<double> scores, ReadOnlySpan<double> caps, Span<double> probs)
    {
        int n = scores.Length;
        if (n == 0) throw new ArgumentException("scores are empty", nameof(scores));
        if (caps.Length != n) throw new ArgumentException($"caps has {caps.Length} entries, expected {n}", nameof(caps));
        if (probs.Length != n) throw new ArgumentException($"probs has {probs.Length} entries, expected {n}", nameof(probs));
        double capacity = 0;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(scores[i])) throw new ArgumentException($"score {i} is {scores[i]}; scores must be finite", nameof(scores));
            if (!double.IsFinite(caps[i]) || caps[i] < 0) throw new ArgumentException($"cap {i} is {caps[i]}; caps must be finite and ≥ 0", nameof(caps));
            capacity += caps[i];
        }
        if (capacity < 1) throw new ArgumentException($"the caps sum to {capacity}; at least 1 is needed for a distribution", nameof(caps));

        // Events by decreasing τ: at θ_i coordinate i starts to grow (slope +1); at θ_i − u_i it stops at u_i.
        var events = new (double At, int Index, bool Caps)[2 * n];
        for (int i = 0; i < n; i++)
        {
            events[2 * i] = (scores[i], i, false);
            events[2 * i + 1] = (scores[i] - caps[i], i, true);
        }
        // Descending position; at equal positions a coordinate enters before it is capped.
        Array.Sort(events, (a, b) => a.At != b.At ? b.At.CompareTo(a.At) : a.Caps.CompareTo(b.Caps));

        // On the interval just above the current event: f(τ) = capped + freeSum − freeCount·τ.
        double capped = 0, freeSum = 0;
        int freeCount = 0;
        double tau = double.NaN;
        foreach (var e in events)
        {
            if (freeCount > 0 && capped + freeSum - freeCount * e.At >= 1)
            {
                tau = (capped + freeSum - 1) / freeCount;
                break;
            }
            if (!e.Caps)
            {
                freeSum += scores[e.Index];
                freeCount++;
            }
            else
            {
                freeSum -= scores[e.Index];
                freeCount--;
                capped += caps[e.Index];
            }
        }
        if (double.IsNaN(tau))
        {
            // Below every breakpoint f = Σu ≥ 1 and constant; only Σu = 1 (every coordinate capped) gets here.
            tau = events[^1].At;
        }
        for (int i = 0; i < n; i++) probs[i] = Math.Clamp(scores[i] - tau, 0, caps[i]);
        return tau;
    }
}
