namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// The oracle of structures without interactions: switch on the variables with the largest preference
/// e_i, ties going to the lower index (docs/ALGORITHMS.md §7.4(a), (b)).
/// </summary>
internal static class TopSelection
{
    /// <summary>
    /// The k largest entries of <paramref name="preference"/> (ties → lower index). With
    /// <paramref name="positiveOnly"/>, only strictly positive entries are candidates, so fewer than k may be on.
    /// </summary>
    public static BitConfiguration Select(ReadOnlySpan<double> preference, int k, bool positiveOnly)
    {
        int n = preference.Length;
        k = Math.Min(k, n);
        if (k <= 0) return BitConfiguration.FromOnes(n, []);
        // A bounded insertion list scanned in index order: a later index only overtakes on a strictly larger
        // value, which is exactly the tie rule, with no comparator and O(n) work when few entries qualify.
        Span<int> chosen = k <= 256 ? stackalloc int[k] : new int[k];
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            double value = preference[i];
            if (positiveOnly && !(value > 0)) continue;
            if (count == k && !(value > preference[chosen[k - 1]])) continue;
            int position = count < k ? count : k - 1;
            while (position > 0 && value > preference[chosen[position - 1]])
            {
                chosen[position] = chosen[position - 1];
                position--;
            }
            chosen[position] = i;
            if (count < k) count++;
        }
        return BitConfiguration.FromOnes(n, chosen[..count]);
    }
}
