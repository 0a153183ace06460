namespace AgentLab.Channels.Pathwise;

/// <summary>The samples work on rows that must line up coordinate by coordinate (logits, noise, outputs).</summary>
internal static class RowLengths
{
    public static void Check(int a, int b, int c)
    {
        if (a != b || a != c) throw new ArgumentException($"row lengths differ: {a}, {b}, {c}");
    }
}
