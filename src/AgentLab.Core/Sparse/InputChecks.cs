using System.Numerics;
using System.Numerics.Tensors;

namespace AgentLab.Sparse;

/// <summary>Argument validation shared by every kernel, so all of them fail with the same clear messages.</summary>
internal static class InputChecks
{
    /// <summary>Checks the batch shape and that a flat buffer holds exactly rows x cols values.</summary>
    public static void Batch(int rows, int cols, int length, string name)
    {
        Shape(rows, cols);
        if (length != rows * cols)
            throw new ArgumentException($"{name} has {length} values, expected rows x cols = {rows} x {cols} = {rows * cols}", name);
    }

    public static void Shape(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (cols < 1) throw new ArgumentOutOfRangeException(nameof(cols), cols, "every row needs at least one column");
        if ((long)rows * cols > Array.MaxLength) throw new ArgumentException($"a {rows} x {cols} batch is too large");
    }

    public static void Length(int length, int expected, string name)
    {
        if (length != expected) throw new ArgumentException($"{name} has {length} values, expected {expected}", name);
    }

    /// <summary>Returns 1/temperature after checking that the temperature is a positive finite number.</summary>
    public static T InverseTemperature<T>(T temperature) where T : IFloatingPointIeee754<T>
    {
        if (!(temperature > T.Zero) || !T.IsFinite(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "temperature must be a positive finite number");
        return T.One / temperature;
    }

    /// <summary>α must exceed 1 (α = 1 is softmax; use <see cref="Softmax"/>).</summary>
    public static void Alpha<T>(T alpha) where T : IFloatingPointIeee754<T>
    {
        if (!(alpha > T.One) || !T.IsFinite(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be a finite number greater than 1");
    }

    public static void Iterations(int iterations)
    {
        if (iterations < 1) throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "at least one bisection iteration is needed");
    }

    /// <summary>
    /// Largest entry of a score row, after checking the row: −∞ entries are masks, but NaN, +∞ and
    /// all-masked rows are rejected with a message that names the row and column.
    /// </summary>
    public static T MaxOfScores<T>(ReadOnlySpan<T> row, int rowIndex, string name = "scores") where T : IFloatingPointIeee754<T>
    {
        // TensorPrimitives.Max is vectorized and propagates NaN, so one pass covers the common valid case.
        T max = TensorPrimitives.Max(row);
        if (T.IsFinite(max)) return max;
        if (T.IsNegativeInfinity(max))
            throw new ArgumentException($"{name} row {rowIndex} has no finite entry; at least one entry must not be -Infinity (a mask)", name);
        for (int j = 0; j < row.Length; j++)
            if (T.IsNaN(row[j])) throw new ArgumentException($"{name} row {rowIndex}, column {j} is NaN", name);
        for (int j = 0; j < row.Length; j++)
            if (T.IsPositiveInfinity(row[j]))
                throw new ArgumentException($"{name} row {rowIndex}, column {j} is +Infinity; only -Infinity (a mask) is allowed", name);
        throw new InvalidOperationException("unreachable: a non-finite maximum without a non-finite entry");
    }

    /// <summary>Rejects NaN and ±∞ (for inputs where −∞ has no masking meaning), naming row and column.</summary>
    public static void Finite<T>(ReadOnlySpan<T> row, int rowIndex, string name) where T : IFloatingPointIeee754<T>
    {
        for (int j = 0; j < row.Length; j++)
            if (!T.IsFinite(row[j])) throw new ArgumentException($"{name} row {rowIndex}, column {j} is {row[j]}; values must be finite", name);
    }

    /// <summary>Class-index targets must lie in [0, cols) (a target on a masked score gives an infinite loss).</summary>
    public static void Target(int target, int rowIndex, int cols)
    {
        if ((uint)target >= (uint)cols)
            throw new ArgumentOutOfRangeException(nameof(target), target, $"target of row {rowIndex} must be in [0, {cols})");
    }

    /// <summary>Target distributions must be finite and non-negative (their sum is the caller's contract).</summary>
    public static void TargetDistribution<T>(ReadOnlySpan<T> q, int rowIndex) where T : IFloatingPointIeee754<T>
    {
        for (int j = 0; j < q.Length; j++)
            if (!(q[j] >= T.Zero) || !T.IsFinite(q[j]))
                throw new ArgumentException($"target row {rowIndex}, column {j} is {q[j]}; targets must be finite and non-negative", "targets");
    }
}
