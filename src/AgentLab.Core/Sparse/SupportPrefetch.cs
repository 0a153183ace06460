using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace AgentLab.Sparse;

/// <summary>
/// Asks the caches for the entries a sparse backward pass will read a few rows later. Support entries are
/// scattered over their row, which the hardware's sequential prefetcher does not follow, so without this
/// nearly every one is a cache miss: it made 1.5-entmax's backward (~15 entries a row) several times
/// slower than a dense pass over the same rows.
/// </summary>
internal static class SupportPrefetch
{
    /// <summary>How many rows ahead of the one being processed to prefetch.</summary>
    public const int RowsAhead = 6;

    /// <summary>Prefetches the support entries of one row of <paramref name="first"/> (and of <paramref name="second"/> unless empty).</summary>
    public static unsafe void Row<T>(ReadOnlySpan<T> first, ReadOnlySpan<T> second, ReadOnlySpan<int> support)
    {
        if (!Sse.IsSupported) return;
        // A prefetch is only a hint and never faults, so the unpinned address is harmless even if the GC moves the array.
        ref T a = ref MemoryMarshal.GetReference(first);
        foreach (int i in support) Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref a, i)));
        if (second.IsEmpty) return;
        ref T b = ref MemoryMarshal.GetReference(second);
        foreach (int i in support) Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref b, i)));
    }
}
