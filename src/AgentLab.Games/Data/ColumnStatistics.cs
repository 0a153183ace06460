namespace AgentLab.Games.Data;

/// <summary>
/// Per-column mean and population standard deviation, computed once on the training split and then
/// applied unchanged to every split, so test features are scaled exactly like the ones the agents learned on.
/// </summary>
public sealed class ColumnStatistics
{
    public ColumnStatistics(float[] mean, float[] std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Length != std.Length)
        {
            throw new ArgumentException($"{mean.Length} means but {std.Length} standard deviations.", nameof(std));
        }

        Mean = mean;
        Std = std;
    }

    public float[] Mean { get; }

    /// <summary>Population standard deviation (divides by N, like numpy's default std).</summary>
    public float[] Std { get; }

    public int Columns => Mean.Length;
}
