using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AgentLab.Sparse;

/// <summary>
/// Descending sort and partial sort of value buffers (values only: the thresholds depend on the sorted
/// values, never on which index holds them, so ties need no tie-break).
/// </summary>
internal static class DescendingOrder
{
    private const int InsertionSortLimit = 24;

    /// <summary>Below this length an insertion sort beats the sorting network (its few branches mostly predict).</summary>
    private const int NetworkMinLength = 9;

    /// <summary>Sorts the whole span in descending order.</summary>
    public static void Sort<T>(Span<T> values) where T : IFloatingPointIeee754<T>
    {
        int n = values.Length;
        if (typeof(T) == typeof(float) && n >= NetworkMinLength && n <= SortingNetwork.MaxLength && SortingNetwork.IsSupported)
        {
            SortingNetwork.Sort(MemoryMarshal.CreateSpan(ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(values)), n));
            return;
        }
        if (n <= InsertionSortLimit)
        {
            InsertionSort(values);
            return;
        }
        values.Sort();
        values.Reverse();
    }

    /// <summary>
    /// Extends a sorted prefix: on entry values[..sorted] are the <paramref name="sorted"/> largest values in
    /// descending order and no later value exceeds them; on exit the same holds for <paramref name="k"/>.
    /// Costs O(n) expected (quickselect) plus O(k log k), so doubling k never re-sorts what is done.
    /// </summary>
    public static void ExtendSortedPrefix<T>(Span<T> values, int sorted, int k) where T : IFloatingPointIeee754<T>
    {
        int need = k - sorted;
        if (need <= 0) return;
        Span<T> rest = values[sorted..];
        if (need < rest.Length) SelectLargest(rest, need);
        Sort(rest[..need]);
    }

    /// <summary>Reorders so that values[..k] hold the k largest values (in no particular order).</summary>
    private static void SelectLargest<T>(Span<T> values, int k) where T : IFloatingPointIeee754<T>
    {
        int lo = 0, hi = values.Length - 1, target = k - 1;
        while (hi > lo)
        {
            if (hi - lo < InsertionSortLimit)
            {
                InsertionSort(values[lo..(hi + 1)]);
                return;
            }
            int mid = lo + ((hi - lo) >> 1);
            T pivot = MedianOfThree(values[lo], values[mid], values[hi]);
            int i = lo, j = hi;
            // Hoare partition for descending order: [lo, j] >= pivot >= [i, hi].
            while (i <= j)
            {
                while (values[i] > pivot) i++;
                while (values[j] < pivot) j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (target <= j) hi = j;
            else if (target >= i) lo = i;
            else return;
        }
    }

    private static T MedianOfThree<T>(T a, T b, T c) where T : IFloatingPointIeee754<T>
    {
        if (a < b) (a, b) = (b, a);
        if (b < c) (b, c) = (c, b);
        if (a < b) (a, b) = (b, a);
        return b;
    }

    private static void InsertionSort<T>(Span<T> values) where T : IFloatingPointIeee754<T>
    {
        for (int i = 1; i < values.Length; i++)
        {
            T v = values[i];
            int j = i - 1;
            while (j >= 0 && values[j] < v)
            {
                values[j + 1] = values[j];
                j--;
            }
            values[j + 1] = v;
        }
    }
}
