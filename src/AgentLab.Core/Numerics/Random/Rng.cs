using System.Numerics;

namespace AgentLab.Numerics;

/// <summary>
/// A seeded, splittable pseudorandom generator: xoshiro256** (Blackman and Vigna, "Scrambled
/// linear pseudorandom number generators", 2018/2021) seeded through SplitMix64.
/// <para>
/// Reproducibility: the integer stream is a pure function of the seed, so a run is bit-for-bit
/// reproducible. Uniform, integer, categorical and permutation draws use only exact integer or
/// IEEE arithmetic and are portable. Normal and Gumbel draws call <see cref="Math.Log"/> and
/// friends, which are deterministic on one machine and runtime but may differ in the last bit
/// across platforms.
/// </para>
/// <para>
/// Splitting: every generator carries a <see cref="Seed"/>. A child gets a new seed derived from
/// the parent, and is then exactly <c>new Rng(childSeed)</c>. We derive seeds instead of using
/// xoshiro's jump function because jumps do not compose: a child that jumps lands where its parent
/// already went, so nested splits would repeat streams. Child streams are independent in the
/// statistical sense: distinct seeds give distinct 256-bit starting states (the seed-to-state map
/// is injective), and m streams of length L all sit on one period of length 2^256 - 1, where the
/// chance that any two overlap is about m^2 L / 2^256 — negligible for any real run.
/// </para>
/// Not thread-safe: give each worker its own generator via <see cref="Split(ulong)"/>.
/// </summary>
public sealed partial class Rng
{
    // Domain separators so seeds derived by Split() and Split(streamId) never follow the same recipe.
    private const ulong SplitByDrawDomain = 0x5EED_D4A7_0000_0001UL;
    private const ulong SplitByIdDomain = 0x5EED_1D00_0000_0002UL;

    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator whose whole stream is determined by <paramref name="seed"/>.</summary>
    public Rng(ulong seed)
    {
        Seed = seed;
        ulong sm = seed;
        _s0 = SplitMix64.Next(ref sm);
        _s1 = SplitMix64.Next(ref sm);
        _s2 = SplitMix64.Next(ref sm);
        _s3 = SplitMix64.Next(ref sm);
        // Four consecutive SplitMix64 outputs are never all zero (its output map is a bijection
        // over distinct states), so the forbidden all-zero xoshiro state cannot arise here.
    }

    /// <summary>Resumes a generator from a state captured by <see cref="GetState"/>.</summary>
    public static Rng FromState(RngState state)
    {
        var rng = new Rng(state.Seed);
        rng.SetState(state);
        return rng;
    }

    /// <summary>
    /// The seed this generator was created from; for a child, the seed derived by splitting.
    /// <c>new Rng(child.Seed)</c> reproduces the child's stream from its start.
    /// </summary>
    public ulong Seed { get; private set; }

    /// <summary>The next 64 uniformly distributed bits (the raw xoshiro256** output).</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>
    /// A child generator seeded from this generator's next output (advances this generator by
    /// one draw). Use it for ad-hoc sub-streams inside one run.
    /// </summary>
    public Rng Split() => new(SplitMix64.Mix(NextUInt64() ^ SplitByDrawDomain));

    /// <summary>
    /// The child for <paramref name="streamId"/>: depends only on this generator's
    /// <see cref="Seed"/> and the id, never on how many draws were made, so worker k of a run
    /// always gets the same stream. Distinct ids always give distinct child seeds.
    /// </summary>
    public Rng Split(ulong streamId)
    {
        // Mix is a bijection and multiplying by an odd constant is a bijection mod 2^64, so for a
        // fixed parent the map streamId -> child seed is injective.
        ulong parentKey = SplitMix64.Mix(Seed ^ SplitByIdDomain);
        return new Rng(SplitMix64.Mix(parentKey + (streamId + 1) * SplitMix64.GoldenGamma));
    }

    /// <summary>Captures the full state; <see cref="SetState"/> or <see cref="FromState"/> continue the exact stream.</summary>
    public RngState GetState() => new(Seed, _s0, _s1, _s2, _s3);

    /// <summary>Restores a state captured by <see cref="GetState"/>.</summary>
    /// <exception cref="ArgumentException">All four state words are zero (xoshiro would emit zeros forever).</exception>
    public void SetState(RngState state)
    {
        if ((state.S0 | state.S1 | state.S2 | state.S3) == 0)
            throw new ArgumentException("RngState: the all-zero xoshiro256** state is invalid (the generator would emit only zeros)", nameof(state));
        Seed = state.Seed;
        (_s0, _s1, _s2, _s3) = (state.S0, state.S1, state.S2, state.S3);
    }
}
