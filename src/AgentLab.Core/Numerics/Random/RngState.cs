using System.Globalization;

namespace AgentLab.Numerics;

/// <summary>
/// Everything needed to resume an <see cref="Rng"/> exactly where it stopped: the seed it was
/// created from (which <see cref="Rng.Split(ulong)"/> derives children from) and the four
/// xoshiro256** state words. <see cref="ToString"/> gives a compact text form that
/// <see cref="Parse"/> reads back, so callers can store it as checkpoint metadata.
/// </summary>
public readonly record struct RngState(ulong Seed, ulong S0, ulong S1, ulong S2, ulong S3)
{
    private const char Separator = ':';

    /// <summary>Formats as five 16-digit hex words, e.g. <c>000000000000002a:bdd7...:...</c>.</summary>
    public override string ToString() =>
        string.Join(Separator, new[] { Seed, S0, S1, S2, S3 }.Select(w => w.ToString("x16", CultureInfo.InvariantCulture)));

    /// <summary>Reads the form written by <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">The text is not five colon-separated hex words.</exception>
    public static RngState Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(Separator);
        if (parts.Length != 5)
            throw new FormatException($"RngState: expected 5 colon-separated hex words, got {parts.Length} in \"{text}\"");
        var words = new ulong[5];
        for (int i = 0; i < 5; i++)
        {
            if (!ulong.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out words[i]))
                throw new FormatException($"RngState: \"{parts[i]}\" is not a hex word (in \"{text}\")");
        }
        return new RngState(words[0], words[1], words[2], words[3], words[4]);
    }
}
