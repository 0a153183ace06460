namespace AgentLab.Numerics;

// Uniform integers and uniform floating-point numbers. All of these take the top bits of one
// NextUInt64 draw (except the rare rejection in NextInt) and use exact arithmetic, so they are
// portable bit for bit.
public sealed partial class Rng
{
    private const float TwoToMinus24 = 1.0f / (1 << 24);
    private const double TwoToMinus53 = 1.0 / (1UL << 53);

    /// <summary>
    /// A uniform integer in [0, <paramref name="n"/>), exactly unbiased. Uses Lemire's
    /// multiply-and-reject method ("Fast random integer generation in an interval", 2019):
    /// the rejection zone makes every result equally likely, and it is rarely entered.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is not positive.</exception>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        uint range = (uint)n;
        ulong product = (ulong)NextUInt32() * range;
        uint low = (uint)product;
        if (low < range)
        {
            // 2^32 mod range: the number of 32-bit inputs that would over-represent some results.
            uint threshold = (0u - range) % range;
            while (low < threshold)
            {
                product = (ulong)NextUInt32() * range;
                low = (uint)product;
            }
        }
        return (int)(product >> 32);
    }

    /// <summary>A uniform float in [0, 1), on the grid k * 2^-24 (all 24 mantissa bits random).</summary>
    public float NextUniform() => ToUniformSingle(NextUInt64());

    /// <summary>A uniform double in [0, 1), on the grid k * 2^-53.</summary>
    public double NextUniformDouble() => ToUniformDouble(NextUInt64());

    /// <summary>
    /// A uniform float in the open interval (0, 1), on the grid (2k + 1) * 2^-24: never 0 or 1,
    /// so log(u) and log(1 - u) are finite. Smallest value 2^-24, largest 1 - 2^-24 (both exact).
    /// </summary>
    public float NextUniformOpen() => ToUniformOpenSingle(NextUInt64());

    /// <summary>A uniform double in the open interval (0, 1), on the grid (2k + 1) * 2^-53.</summary>
    public double NextUniformOpenDouble() => ToUniformOpenDouble(NextUInt64());

    // The conversions from raw bits, separate so tests can feed them the extreme inputs.
    // Every product below is exact: the integer fits the mantissa and the scale is a power of two.
    internal static float ToUniformSingle(ulong bits) => (bits >> 40) * TwoToMinus24;
    internal static double ToUniformDouble(ulong bits) => (bits >> 11) * TwoToMinus53;
    internal static float ToUniformOpenSingle(ulong bits) => ((bits >> 41) * 2 + 1) * TwoToMinus24;
    internal static double ToUniformOpenDouble(ulong bits) => ((bits >> 12) * 2 + 1) * TwoToMinus53;

    // The upper half of the output; for xoshiro256** all bits are good, but upper bits are the
    // conventional choice and keep this consistent with NextUniform.
    private uint NextUInt32() => (uint)(NextUInt64() >> 32);
}
