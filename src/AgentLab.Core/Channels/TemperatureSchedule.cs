namespace AgentLab.Channels;

/// <summary>
/// The seeds' annealing for relaxed channels: T = max(minimum, exp(−rate · t)), with t rounded down to a
/// multiple of the update interval (the reference recomputes T every 1,000 steps).
/// </summary>
public sealed record TemperatureSchedule(float Initial = 1f, float Minimum = 0.5f, double Rate = 1e-5, int Interval = 1000)
{
    public float At(long step)
    {
        long t = step / Interval * Interval;
        return MathF.Max(Minimum, Initial * (float)Math.Exp(-Rate * t));
    }
}
