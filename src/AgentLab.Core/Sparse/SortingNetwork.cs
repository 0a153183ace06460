using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AgentLab.Sparse;

/// <summary>
/// Descending sort of up to 32 floats in AVX-512 registers by a bitonic network: a fixed sequence of
/// compare-exchange stages (a lane permutation, min, max and a blend each) with no data-dependent branch.
/// The sets the sort-based maps order after narrowing (about the support, ~4–30 values) cost an
/// insertion sort one mispredicted branch per value; the network costs the same ~15 stages for any order.
/// </summary>
internal static class SortingNetwork
{
    private const int Lanes = 16;

    /// <summary>The longest span <see cref="Sort"/> accepts (two registers).</summary>
    public const int MaxLength = 2 * Lanes;

    /// <summary>Stages of the 16-lane sort: lane i exchanges with lane Partners[s][i] and keeps the max where TakesMax[s] is set.</summary>
    private static readonly Vector512<int>[] Partners = new Vector512<int>[10];

    private static readonly Vector512<float>[] TakesMax = new Vector512<float>[10];

    private static readonly Vector512<int> Reversed = Vector512.Create(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);

    /// <summary>The last four stages merge a bitonic sequence into descending order (used again for the two-register merge).</summary>
    private const int MergeStages = 6;

    public static bool IsSupported => Vector512.IsHardwareAccelerated;

    static SortingNetwork()
    {
        Span<int> partner = stackalloc int[Lanes];
        Span<int> takesMax = stackalloc int[Lanes];
        int stage = 0;
        for (int block = 2; block <= Lanes; block <<= 1)
        {
            for (int distance = block >> 1; distance > 0; distance >>= 1, stage++)
            {
                for (int i = 0; i < Lanes; i++)
                {
                    partner[i] = i ^ distance;
                    // Blocks alternate direction so that each pair of blocks forms a bitonic sequence; the last
                    // block size covers all lanes, so the result is descending.
                    bool lowerOfPair = (i & distance) == 0, descendingBlock = (i & block) == 0;
                    takesMax[i] = lowerOfPair == descendingBlock ? -1 : 0;
                }
                Partners[stage] = Vector512.Create((ReadOnlySpan<int>)partner);
                TakesMax[stage] = Vector512.Create((ReadOnlySpan<int>)takesMax).AsSingle();
            }
        }
    }

    /// <summary>
    /// Sorts up to <see cref="MaxLength"/> values in descending order. Values must not be NaN (the maps'
    /// inputs are checked); −0 and +0 are not told apart, which is harmless because only values are sorted.
    /// </summary>
    [SkipLocalsInit]
    public static void Sort(Span<float> values)
    {
        int n = values.Length;
        if (n > MaxLength) throw new ArgumentException($"the sorting network takes at most {MaxLength} values, got {n}");
        // Padding with −∞ sorts to the end, so the first n lanes are the sorted values.
        Span<float> buffer = stackalloc float[MaxLength];
        ref float b = ref MemoryMarshal.GetReference(buffer);
        Vector512.Create(float.NegativeInfinity).StoreUnsafe(ref b);
        Vector512.Create(float.NegativeInfinity).StoreUnsafe(ref b, Lanes);
        values.CopyTo(buffer);
        var first = Sort16(Vector512.LoadUnsafe(ref b));
        if (n > Lanes)
        {
            // Descending first half against the reversed (ascending) second: the lane-wise max holds the 16
            // largest and the min the 16 smallest, each a bitonic sequence that the merge stages finish.
            var second = Vector512.Shuffle(Sort16(Vector512.LoadUnsafe(ref b, Lanes)), Reversed);
            var high = Vector512.MaxNative(first, second);
            var low = Vector512.MinNative(first, second);
            for (int s = MergeStages; s < Partners.Length; s++)
            {
                high = Exchange(high, Partners[s], TakesMax[s]);
                low = Exchange(low, Partners[s], TakesMax[s]);
            }
            low.StoreUnsafe(ref b, Lanes);
            first = high;
        }
        first.StoreUnsafe(ref b);
        buffer[..n].CopyTo(values);
    }

    private static Vector512<float> Sort16(Vector512<float> v)
    {
        for (int s = 0; s < Partners.Length; s++) v = Exchange(v, Partners[s], TakesMax[s]);
        return v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Exchange(Vector512<float> v, Vector512<int> partner, Vector512<float> takesMax)
    {
        var other = Vector512.Shuffle(v, partner);
        return Vector512.ConditionalSelect(takesMax, Vector512.MaxNative(v, other), Vector512.MinNative(v, other));
    }
}
