using System.Buffers;

namespace AgentLab.Numerics;

// Random orderings and subsets.
public sealed partial class Rng
{
    // Below this population size, or when sampling a large fraction of it, a partial
    // Fisher-Yates over an index buffer is cheapest; otherwise Floyd's algorithm avoids O(n) memory.
    private const int SmallPopulation = 4096;

    /// <summary>Shuffles <paramref name="items"/> in place uniformly at random (Fisher-Yates / Durstenfeld).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// Writes <paramref name="k"/> distinct integers from [0, <paramref name="n"/>) to the first k
    /// slots of <paramref name="destination"/>, in random order: every ordered k-subset is equally
    /// likely.
    /// </summary>
    public void SampleWithoutReplacement(int n, int k, Span<int> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (k < 0 || k > n)
            throw new ArgumentOutOfRangeException(nameof(k), $"SampleWithoutReplacement: need 0 <= k <= n, got k = {k}, n = {n}");
        if (destination.Length < k)
            throw new ArgumentException($"SampleWithoutReplacement: destination has {destination.Length} slots, need k = {k}", nameof(destination));

        var sample = destination[..k];
        if (n <= SmallPopulation || k >= n / 4)
            SampleByPartialShuffle(n, sample);
        else
            SampleByFloyd(n, sample);
    }

    // The first k steps of Fisher-Yates over 0..n-1: already a uniformly random ordered subset.
    private void SampleByPartialShuffle(int n, Span<int> sample)
    {
        int[] rented = ArrayPool<int>.Shared.Rent(n);
        try
        {
            var pool = rented.AsSpan(0, n);
            for (int i = 0; i < n; i++) pool[i] = i;
            for (int i = 0; i < sample.Length; i++)
            {
                int j = i + NextInt(n - i);
                (pool[i], pool[j]) = (pool[j], pool[i]);
                sample[i] = pool[i];
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    // Floyd's algorithm (Bentley and Floyd, CACM 1987) draws a uniform k-subset with k draws and
    // O(k) memory; its insertion order is not uniform, so we shuffle the result afterwards.
    private void SampleByFloyd(int n, Span<int> sample)
    {
        var chosen = new HashSet<int>(sample.Length);
        int count = 0;
        for (int j = n - sample.Length; j < n; j++)
        {
            int t = NextInt(j + 1);
            int pick = chosen.Add(t) ? t : j;
            if (pick == j) chosen.Add(j);
            sample[count++] = pick;
        }
        Shuffle(sample);
    }
}
