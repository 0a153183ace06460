namespace AgentLab.Numerics;

// Bulk draws into float spans, for initialising weights and noise buffers.
public sealed partial class Rng
{
    /// <summary>
    /// Fills <paramref name="destination"/> with uniform floats in [lo, hi) (just lo if lo == hi).
    /// Computed in double from a 53-bit uniform and rounded once; a value that rounds up to hi is
    /// moved to the float just below hi so the interval stays half-open. One draw per element.
    /// </summary>
    public void FillUniform(Span<float> destination, float lo = 0f, float hi = 1f)
    {
        if (!float.IsFinite(lo) || !float.IsFinite(hi) || lo > hi)
            throw new ArgumentOutOfRangeException(nameof(hi), $"FillUniform: need finite lo <= hi, got lo = {lo}, hi = {hi}");
        double width = (double)hi - lo;
        for (int i = 0; i < destination.Length; i++)
        {
            float value = (float)(lo + width * NextUniformDouble());
            destination[i] = value >= hi && lo < hi ? MathF.BitDecrement(hi) : value;
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with normal floats of the given mean and standard
    /// deviation. Uses both Box-Muller branches (two draws per pair of elements), so it produces
    /// a different sequence from repeated <see cref="NextNormal"/> calls.
    /// </summary>
    public void FillNormal(Span<float> destination, float mean = 0f, float std = 1f)
    {
        if (!float.IsFinite(mean) || !float.IsFinite(std) || std < 0)
            throw new ArgumentOutOfRangeException(nameof(std), $"FillNormal: need finite mean and std >= 0, got mean = {mean}, std = {std}");
        int i = 0;
        for (; i + 1 < destination.Length; i += 2)
        {
            var (cosine, sine) = NextNormalPair();
            destination[i] = (float)(mean + std * cosine);
            destination[i + 1] = (float)(mean + std * sine);
        }
        if (i < destination.Length)
            destination[i] = (float)(mean + std * NextNormalPair().Cosine);
    }

    /// <summary>Fills <paramref name="destination"/> with standard Gumbel floats (see <see cref="NextGumbelDouble"/>).</summary>
    public void FillGumbel(Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++)
            destination[i] = NextGumbel();
    }
}
