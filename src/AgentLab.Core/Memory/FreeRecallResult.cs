namespace AgentLab.Memory;

/// <summary>
/// The memories recalled by a free-recall run, one per episode (argmax p after the episode), with the
/// metrics of HOPFIELD.md §5.
/// </summary>
public sealed record FreeRecallResult(int[] Recalled)
{
    /// <summary>|set(recalled)| / episodes: 1 when every memory was recalled exactly once.</summary>
    public double UniqueRatio => Recalled.Length == 0 ? 0 : (double)Recalled.Distinct().Count() / Recalled.Length;

    /// <summary>1 − lev(recalled, [0, 1, ..., N − 1]) / N: how close the recall order is to the stored order.</summary>
    public double LevenshteinCoefficient
    {
        get
        {
            int n = Recalled.Length;
            if (n == 0) return 0;
            var previous = new int[n + 1];
            var current = new int[n + 1];
            for (int j = 0; j <= n; j++) previous[j] = j;
            for (int i = 1; i <= n; i++)
            {
                current[0] = i;
                for (int j = 1; j <= n; j++)
                {
                    int substitution = previous[j - 1] + (Recalled[i - 1] == j - 1 ? 0 : 1);
                    current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
                }
                (previous, current) = (current, previous);
            }
            return 1 - (double)previous[n] / n;
        }
    }
}
