namespace AgentLab.Telemetry.Plotting;

/// <summary>How an axis maps values to positions.</summary>
public enum ScaleKind
{
    Linear,

    /// <summary>Base-10 logarithmic; values that are not positive cannot be shown and are skipped.</summary>
    Log,
}
