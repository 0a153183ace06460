using System.Numerics;

namespace AgentLab.Channels.Pathwise;

/// <summary>
/// Binary Concrete bits (docs/ALGORITHMS.md §8.6): p = clamp(sigmoid(l), ε, 1 − ε), u clamped likewise (ε
/// the machine epsilon of T), y = sigmoid((logit u + logit p)/τ). While the clamp on p is inactive,
/// logit p is l itself, which is used directly: computing log p − log(1 − p) in float would lose digits
/// that the reference, in double, keeps.
/// </summary>
public static class BinaryConcreteSample
{
    public static void Forward<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> uniforms, T temperature, Span<T> y)
        where T : IFloatingPointIeee754<T>
    {
        RowLengths.Check(logits.Length, uniforms.Length, y.Length);
        for (int i = 0; i < logits.Length; i++)
            y[i] = Sigmoid((Logit(ClampToOpenUnit(uniforms[i])) + ClampedLogit(logits[i], out _)) / temperature);
    }

    /// <summary>dLogits += dy·y(1 − y)/τ, and nothing where the clamp on p is active (its derivative is 0).</summary>
    public static void AddVjp<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, T temperature, Span<T> dLogits)
        where T : IFloatingPointIeee754<T>
    {
        RowLengths.Check(logits.Length, y.Length, dy.Length);
        RowLengths.Check(logits.Length, dLogits.Length, dy.Length);
        for (int i = 0; i < y.Length; i++)
        {
            ClampedLogit(logits[i], out bool clamped);
            if (!clamped) dLogits[i] += dy[i] * y[i] * (T.One - y[i]) / temperature;
        }
    }

    /// <summary>logit(clamp(sigmoid(l), ε, 1 − ε)): l itself unless the clamp is active.</summary>
    internal static T ClampedLogit<T>(T logit, out bool clamped) where T : IFloatingPointIeee754<T>
    {
        T epsilon = GumbelNoise.MachineEpsilon<T>();
        T p = Sigmoid(logit);
        clamped = p < epsilon || p > T.One - epsilon;
        return clamped ? Logit(T.Clamp(p, epsilon, T.One - epsilon)) : logit;
    }

    internal static T ClampToOpenUnit<T>(T u) where T : IFloatingPointIeee754<T>
    {
        T epsilon = GumbelNoise.MachineEpsilon<T>();
        return T.Clamp(u, epsilon, T.One - epsilon);
    }

    internal static T Sigmoid<T>(T x) where T : IFloatingPointIeee754<T> =>
        x >= T.Zero ? T.One / (T.One + T.Exp(-x)) : T.Exp(x) / (T.One + T.Exp(x));

    internal static T Logit<T>(T p) where T : IFloatingPointIeee754<T> => T.Log(p) - T.Log(T.One - p);
}
