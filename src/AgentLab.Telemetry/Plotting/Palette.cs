namespace AgentLab.Telemetry.Plotting;

/// <summary>
/// Ten colours that stay distinguishable from each other, also in print; a method keeps its
/// colour across every plot of a report because it is chosen by the method's position.
/// </summary>
public static class Palette
{
    private static readonly string[] Colors =
    [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ];

    /// <summary>The colour for the series at <paramref name="index"/>; repeats after ten.</summary>
    public static string Color(int index) => Colors[((index % Colors.Length) + Colors.Length) % Colors.Length];
}
