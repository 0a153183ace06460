namespace AgentLab.Tests.Sparse;

/// <summary>Tolerance assertions that report the worst entry (index, expected, actual) on failure.</summary>
internal static class Expect
{
    /// <summary>Asserts |actual − expected| ≤ abs + rel·|expected| entry-wise.</summary>
    public static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double abs, double rel, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++) Close(expected[i], actual[i], abs, rel, $"{what}[{i}]");
    }

    public static void Close(double expected, double actual, double abs, double rel, string what)
    {
        if (expected == actual) return; // also covers equal infinities
        double tolerance = abs + rel * Math.Abs(expected);
        double error = Math.Abs(actual - expected);
        if (!(error <= tolerance))
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R}, |error| {error:E3} > tolerance {tolerance:E3}");
    }

    /// <summary>Number of strictly positive entries.</summary>
    public static int Positives(IEnumerable<double> values) => values.Count(v => v > 0);
}
