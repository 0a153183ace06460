namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// How a configuration z ∈ {0,1}ⁿ becomes the unary indicator a_s that enters the quadratic. The choice
/// changes the regulariser and therefore the marginals: on-only gives clip(x − τ, 0, 1)-type marginals,
/// both-states gives projections of (x_on − x_off + 1)/2 (docs/ALGORITHMS.md §7.4).
/// </summary>
public enum StateEncoding
{
    /// <summary>a_s = z, U = n; G_ij = |z_i ∧ z_j|.</summary>
    OnOnly,

    /// <summary>
    /// a_s = [z; 1 − z], U = 2n, laid out as all on-entries (0..n−1) then all off-entries (n..2n−1);
    /// G_ij = n − Hamming(z_i, z_j).
    /// </summary>
    BothStates,
}

/// <summary>The indicator arithmetic of each <see cref="StateEncoding"/>.</summary>
public static class StateEncodings
{
    public static int UnaryCount(this StateEncoding encoding, int variables) =>
        encoding == StateEncoding.OnOnly ? variables : 2 * variables;

    public static int Overlap(this StateEncoding encoding, BitConfiguration s, BitConfiguration t) =>
        encoding == StateEncoding.OnOnly ? s.Overlap(t) : s.Agreement(t);

    /// <summary>⟨a_s, values⟩.</summary>
    public static double Dot(this StateEncoding encoding, BitConfiguration s, ReadOnlySpan<double> values)
    {
        double sum = 0;
        if (encoding == StateEncoding.OnOnly)
        {
            foreach (int i in s.Ones) sum += values[i];
            return sum;
        }
        // Sum the entry of the state each variable is in (rather than off-total + on-minus-off corrections),
        // so the result is an ordinary sum of n terms with no cancellation.
        int n = s.Length;
        for (int i = 0; i < n; i++) sum += s[i] ? values[i] : values[n + i];
        return sum;
    }

    /// <summary>target += weight · a_s.</summary>
    public static void Add(this StateEncoding encoding, BitConfiguration s, double weight, Span<double> target)
    {
        if (encoding == StateEncoding.OnOnly)
        {
            foreach (int i in s.Ones) target[i] += weight;
            return;
        }
        int n = s.Length;
        for (int i = 0; i < n; i++) target[s[i] ? i : n + i] += weight;
    }

    /// <summary>
    /// Preference for switching each variable on: e_i = η_on,i (on-only) or η_on,i − η_off,i (both states).
    /// Every oracle of a structure without interactions reduces to choosing by e.
    /// </summary>
    public static void OnPreference(this StateEncoding encoding, ReadOnlySpan<double> unaryScores, Span<double> preference)
    {
        int n = preference.Length;
        for (int i = 0; i < n; i++)
            preference[i] = encoding == StateEncoding.OnOnly ? unaryScores[i] : unaryScores[i] - unaryScores[n + i];
    }
}
