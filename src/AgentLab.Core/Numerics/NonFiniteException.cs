namespace AgentLab.Numerics;

/// <summary>A loss, gradient or parameter became NaN or infinite; names the step and the tensor.</summary>
public sealed class NonFiniteException(string message) : Exception(message)
{
    /// <summary>Throws if any entry of the tensor is NaN or ±inf, naming the tensor and the step.</summary>
    public static void ThrowIfNonFinite(ReadOnlySpan<float> values, string tensorName, long step)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsFinite(values[i])) continue;
            string what = float.IsNaN(values[i]) ? "NaN" : "infinite";
            string where = values.Length == 1 ? "" : $" at index {i}";
            throw new NonFiniteException($"step {step}: \"{tensorName}\" is {what}{where}");
        }
    }
}
