namespace AgentLab.Numerics;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014;
/// constants as in Vigna's public-domain splitmix64.c). We use it only to turn one 64-bit value into
/// well-mixed 64-bit words: to expand a seed into xoshiro256** state (the seeding Vigna recommends)
/// and to derive child seeds when splitting.
/// </summary>
internal static class SplitMix64
{
    /// <summary>The Weyl-sequence increment (2^64 / golden ratio, made odd).</summary>
    public const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    /// <summary>Advances <paramref name="state"/> by one step and returns the next output.</summary>
    public static ulong Next(ref ulong state)
    {
        state += GoldenGamma;
        return Mix(state);
    }

    /// <summary>
    /// The SplitMix64 finalizer: a bijection on 64-bit words with strong avalanche, so distinct
    /// inputs always give distinct outputs.
    /// </summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
