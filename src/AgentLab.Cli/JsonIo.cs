using System.Text.Json;

namespace AgentLab.Cli;

/// <summary>A user error in a command's input: reported as one line on stderr with exit code 2.</summary>
internal sealed class CliInputException(string message) : Exception(message);

/// <summary>
/// Small JSON helpers for the command handlers: matrices of doubles in (the non-finite values are the strings
/// "Infinity", "-Infinity", "NaN", as in the golden files), round-trip doubles out.
/// </summary>
internal static class JsonIo
{
    /// <summary>Parses a whole JSON document, turning syntax errors into one-line input errors.</summary>
    public static JsonDocument Parse(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new CliInputException($"malformed JSON input: {OneLine(e.Message)}");
        }
    }

    /// <summary>
    /// Reads field <paramref name="name"/> as a non-empty rectangular matrix of doubles. NaN is always rejected
    /// (naming row and column); so is +Infinity, and −Infinity unless <paramref name="allowNegativeInfinity"/>.
    /// </summary>
    public static double[][] ReadMatrix(JsonElement root, string name, bool allowNegativeInfinity)
    {
        var field = root.GetProperty(name);
        if (field.ValueKind != JsonValueKind.Array) throw new CliInputException($"\"{name}\" must be an array of rows");
        var rows = new List<double[]>();
        int expected = -1;
        foreach (var row in field.EnumerateArray())
        {
            int r = rows.Count;
            if (row.ValueKind != JsonValueKind.Array) throw new CliInputException($"\"{name}\" row {r} is not an array");
            var values = new double[row.GetArrayLength()];
            if (values.Length == 0) throw new CliInputException($"\"{name}\" row {r} is empty");
            if (expected >= 0 && values.Length != expected)
                throw new CliInputException($"\"{name}\" row {r} has {values.Length} entries, expected {expected}");
            expected = values.Length;
            int c = 0;
            foreach (var entry in row.EnumerateArray())
            {
                double v = ReadNumber(entry, name, r, c);
                if (double.IsNaN(v)) throw new CliInputException($"\"{name}\" row {r} column {c} is NaN");
                if (double.IsPositiveInfinity(v) || (double.IsNegativeInfinity(v) && !allowNegativeInfinity))
                    throw new CliInputException($"\"{name}\" row {r} column {c} is {Format(v)}; it must be finite" +
                        (allowNegativeInfinity ? " or -Infinity (a mask)" : ""));
                values[c++] = v;
            }
            rows.Add(values);
        }
        if (rows.Count == 0) throw new CliInputException($"\"{name}\" has no rows");
        return [.. rows];
    }

    /// <summary>Row-major flattening of a rectangular matrix.</summary>
    public static double[] Flatten(double[][] rows) => rows.SelectMany(r => r).ToArray();

    /// <summary>Writes a double in shortest round-trip form; non-finite values as the strings used on input.</summary>
    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(Format(value));
    }

    /// <summary>Writes a flat row-major buffer as an array of rows of <paramref name="cols"/> values.</summary>
    public static void WriteMatrix(Utf8JsonWriter writer, string name, ReadOnlySpan<double> values, int cols)
    {
        writer.WriteStartArray(name);
        for (int start = 0; start < values.Length; start += cols)
        {
            writer.WriteStartArray();
            foreach (double v in values.Slice(start, cols)) WriteDouble(writer, v);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    public static void WriteVector(Utf8JsonWriter writer, string name, ReadOnlySpan<double> values)
    {
        writer.WriteStartArray(name);
        foreach (double v in values) WriteDouble(writer, v);
        writer.WriteEndArray();
    }

    public static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private static double ReadNumber(JsonElement entry, string name, int r, int c)
    {
        switch (entry.ValueKind)
        {
            case JsonValueKind.Number:
                if (entry.TryGetDouble(out double v) && double.IsFinite(v)) return v;
                throw new CliInputException($"\"{name}\" row {r} column {c} is out of the double range");
            case JsonValueKind.String:
                switch (entry.GetString())
                {
                    case "Infinity": return double.PositiveInfinity;
                    case "-Infinity": return double.NegativeInfinity;
                    case "NaN": return double.NaN;
                }
                break;
        }
        throw new CliInputException($"\"{name}\" row {r} column {c} is not a number");
    }

    private static string Format(double v) =>
        double.IsNaN(v) ? "NaN" : double.IsPositiveInfinity(v) ? "Infinity" : double.IsNegativeInfinity(v) ? "-Infinity" : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
