using System.Runtime.Intrinsics;

namespace AgentLab.Sparse;

/// <summary>
/// For each 8-bit lane mask, the lane permutation that moves the selected lanes to the front in order
/// (the AVX2 "left-pack" used to gather a row's candidates without a branch per lane).
/// </summary>
internal static class LeftPackTable
{
    private static readonly int[] Table = Build();

    /// <summary>0, 1, …, 7: lane offsets added to a chunk's first column.</summary>
    public static readonly Vector256<int> Lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);

    /// <summary>First of the 8 permutation indices for <paramref name="mask"/> (&lt; 256).</summary>
    public static ref int Entry(uint mask) => ref Table[(int)mask * 8];

    private static int[] Build()
    {
        var table = new int[256 * 8];
        for (int mask = 0; mask < 256; mask++)
        {
            int slot = 0;
            for (int lane = 0; lane < 8; lane++)
                if ((mask >> lane & 1) != 0) table[mask * 8 + slot++] = lane;
        }
        return table;
    }
}
