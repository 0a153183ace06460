using System.Numerics;

namespace AgentLab.Sparse;

/// <summary>
/// x ↦ x^e for x ≥ 0 with a fixed exponent, specialised for the exponents the common α values produce
/// (α = 1.5 → 2, α = 2 → 1, α = 1.25 → 4, backward's 2 − α = ½ or 0), because a general Pow per entry
/// per bisection iteration dominates the cost of the bisection maps otherwise.
/// </summary>
internal readonly struct Power<T> where T : IFloatingPointIeee754<T>
{
    private enum Kind { Zero, One, Two, Three, Four, Half, General }

    private readonly Kind _kind;

    public Power(T exponent)
    {
        Exponent = exponent;
        _kind = Classify(exponent);
    }

    public T Exponent { get; }

    private static Kind Classify(T e)
    {
        if (e == T.Zero) return Kind.Zero;
        if (e == T.One) return Kind.One;
        if (e == T.CreateTruncating(2)) return Kind.Two;
        if (e == T.CreateTruncating(3)) return Kind.Three;
        if (e == T.CreateTruncating(4)) return Kind.Four;
        if (e == T.CreateTruncating(0.5)) return Kind.Half;
        return Kind.General;
    }

    /// <summary>x^e for x ≥ 0 (0^0 is taken as 1, as p^(2−α) at α = 2 is 1 on the support).</summary>
    public T Of(T x) => _kind switch
    {
        Kind.Zero => T.One,
        Kind.One => x,
        Kind.Two => x * x,
        Kind.Three => x * x * x,
        Kind.Four => Square(x * x),
        Kind.Half => T.Sqrt(x),
        _ => T.Pow(x, Exponent),
    };

    /// <summary>Σ_j [v_j − τ]₊^e, the bisection objective; the exponent dispatch is outside the loop.</summary>
    public T SumOfPositivePart(ReadOnlySpan<T> values, T tau)
    {
        switch (_kind)
        {
            case Kind.One: return PositivePart.Sum(values, tau);
            case Kind.Two: return PositivePart.SumOfSquares(values, tau);
            case Kind.Four: return PositivePart.SumOfFourthPowers(values, tau);
        }
        T sum = T.Zero;
        foreach (T v in values)
        {
            T d = v - tau;
            if (d > T.Zero) sum += Of(d);
        }
        return sum;
    }

    private static T Square(T x) => x * x;
}
