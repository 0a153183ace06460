using System.Globalization;

namespace AgentLab.Telemetry.Formatting;

/// <summary>Numbers as people read them in tables and on axes, the same on every machine.</summary>
internal static class NumberText
{
    /// <summary>
    /// Four significant digits, trailing zeros dropped (0.85, 256, 12346, 0.001234); scientific
    /// notation outside [1e-4, 1e6) so neither tiny nor huge values turn into strings of zeros.
    /// Four digits are enough to tell methods apart and few enough that a table stays readable.
    /// </summary>
    public static string Readable(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "∞";
        if (double.IsNegativeInfinity(value)) return "-∞";
        if (value == 0) return "0";
        int exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        if (exponent >= 6 || exponent < -4) return value.ToString("0.###e+0", CultureInfo.InvariantCulture);
        int decimals = Math.Clamp(3 - exponent, 0, 15);
        string text = Math.Round(value, decimals).ToString("F" + decimals, CultureInfo.InvariantCulture);
        if (text.Contains('.')) text = text.TrimEnd('0').TrimEnd('.');
        return text == "-0" ? "0" : text;
    }

    /// <summary>The exact value in the shortest form that reads back to the same double, for machine-read files.</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A pixel coordinate: two decimals are far below what a screen can show.</summary>
    public static string Pixel(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
