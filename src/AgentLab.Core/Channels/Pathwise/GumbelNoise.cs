using System.Numerics;

namespace AgentLab.Channels.Pathwise;

/// <summary>
/// Gumbel noise from a uniform draw, as the reference computes it (docs/ALGORITHMS.md §8.1): u is clamped to
/// [ε, 1 − ε] with ε the machine epsilon of the compute type, then g = −log(−log u). The logarithms run in
/// double and the result is rounded once to T, so a float channel sees the same noise as before this
/// helper existed.
/// </summary>
public static class GumbelNoise
{
    public static T FromUniform<T>(double u) where T : IFloatingPointIeee754<T>
    {
        double epsilon = double.CreateTruncating(MachineEpsilon<T>());
        u = Math.Clamp(u, epsilon, 1 - epsilon);
        return T.CreateTruncating(-Math.Log(-Math.Log(u)));
    }

    /// <summary>
    /// The distance from 1 to the next representable value (2⁻²³ for float, 2⁻⁵² for double). Not T.Epsilon,
    /// which in .NET is the smallest subnormal.
    /// </summary>
    public static T MachineEpsilon<T>() where T : IFloatingPointIeee754<T> => T.BitIncrement(T.One) - T.One;
}
