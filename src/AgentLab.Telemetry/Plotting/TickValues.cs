namespace AgentLab.Telemetry.Plotting;

/// <summary>Where an axis puts its ticks: at round numbers, a handful of them.</summary>
internal static class TickValues
{
    /// <summary>
    /// The step of roughly <paramref name="targetCount"/> ticks over <paramref name="range"/>,
    /// rounded to 1, 2 or 5 times a power of ten — the steps people count in.
    /// </summary>
    public static double NiceStep(double range, int targetCount)
    {
        double raw = range / targetCount;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double normalized = raw / magnitude;
        double nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /// <summary>Multiples of <paramref name="step"/> from <paramref name="min"/> to <paramref name="max"/> (both multiples themselves).</summary>
    public static List<double> Linear(double min, double max, double step)
    {
        var ticks = new List<double>();
        long count = (long)Math.Round((max - min) / step);
        for (long i = 0; i <= count; i++)
        {
            // From the start each time rather than by accumulation, so no drift creeps into the labels.
            double tick = min + i * step;
            ticks.Add(Math.Abs(tick) < step * 1e-9 ? 0 : tick);
        }
        return ticks;
    }

    /// <summary>
    /// Powers of ten from 10^<paramref name="lowDecade"/> to 10^<paramref name="highDecade"/>,
    /// thinned to at most about eight; with two decades or fewer, 2× and 5× in between as well,
    /// because two ticks alone make a poor ruler.
    /// </summary>
    public static List<double> Log(int lowDecade, int highDecade)
    {
        int decades = highDecade - lowDecade;
        int stride = Math.Max(1, (int)Math.Ceiling(decades / 8.0));
        var ticks = new List<double>();
        for (int decade = lowDecade; decade <= highDecade; decade += stride)
        {
            double power = Math.Pow(10, decade);
            ticks.Add(power);
            if (decades <= 2 && decade < highDecade)
            {
                ticks.Add(2 * power);
                ticks.Add(5 * power);
            }
        }
        return ticks;
    }
}
