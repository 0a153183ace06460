using System.Diagnostics;
using System.Globalization;
using AgentLab.Sparse;

namespace AgentLab.Bench;

/// <summary>
/// Plain timing of one sparse transformation, forward + backward in float32:
/// <c>transform --name NAME [--alpha A] --batch B --dim K --reps R</c>. Scores are standard normal from a
/// fixed seed; every rep gets a fresh cotangent (drawn outside the timed region). For any map other than
/// softmax, our softmax is timed in the same process with its reps interleaved. Prints the settings, then
/// the fastest reps (<c>min_ms_fwd_bwd=</c>, <c>softmax_min_ms_fwd_bwd=</c>), <c>softmax_ms_fwd_bwd=</c> and
/// <c>ratio_to_softmax=</c> (map median / softmax median), then
/// <c>ms_fwd_bwd=&lt;median over R reps&gt;</c> as the last line.
/// </summary>
/// <remarks>
/// Names: softmax, sparsemax, sparsemax-sort, entmax15, entmax15-sort, entmax (α-entmax by bisection,
/// --alpha default 1.5), normmax (bisection, --alpha default 2). The sparse maps pass their supports from
/// forward to backward, as a training step would.
/// </remarks>
public static class TransformBench
{
    private const string Usage = "usage: transform --name NAME [--alpha A] --batch B --dim K --reps R";

    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "transform") args = args[1..];
        if (!TryParse(args, out var options, out string? error))
        {
            Console.Error.WriteLine($"transform bench: {error}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        int rows = options.Batch, cols = options.Dim;
        float[] scores = Normal(new Random(1234), rows * cols);
        float[] probs = new float[rows * cols];
        float[] dy = new float[rows * cols];
        float[] dx = new float[rows * cols];
        var supports = new RowSupports(rows, cols);
        float alpha = options.Alpha ?? (options.Name == "normmax" ? 2f : 1.5f);
        Action? step = Step(options.Name, scores, probs, dy, dx, supports, rows, cols, alpha);
        if (step is null)
        {
            Console.Error.WriteLine($"transform bench: unknown --name {options.Name}");
            Console.Error.WriteLine(Usage);
            return 2;
        }
        // Our softmax runs in the same process, its reps interleaved with the map's, so that the ratio holds
        // even when the machine is shared and absolute times drift.
        Action? softmax = options.Name == "softmax" ? null : Step("softmax", scores, probs, dy, dx, supports, rows, cols, alpha);

        var cotangents = new Random(99);
        // Warm up until tiered JIT has settled on optimized code (at least 20 reps and 0.5 s).
        var warmup = Stopwatch.StartNew();
        for (int i = 0; i < 20 || warmup.ElapsedMilliseconds < 500; i++)
        {
            FillNormal(cotangents, dy);
            softmax?.Invoke();
            FillNormal(cotangents, dy);
            step();
        }

        var times = new double[options.Reps];
        var softmaxTimes = new double[options.Reps];
        for (int rep = 0; rep < options.Reps; rep++)
        {
            if (softmax is not null) softmaxTimes[rep] = Time(softmax, cotangents, dy);
            times[rep] = Time(step, cotangents, dy);
        }
        // The supports of the map's last forward pass (the softmax step ran before it).
        double meanSupport = (double)supports.TotalCount / rows;
        double median = Median(times);

        string alphaText = options.Name is "entmax" or "normmax" ? alpha.ToString("R", CultureInfo.InvariantCulture) : "-";
        Console.WriteLine($"name={options.Name} alpha={alphaText} batch={rows} dim={cols} reps={options.Reps} dtype=float32 " +
            string.Create(CultureInfo.InvariantCulture, $"mean_support={meanSupport:F2}"));
        // The fastest rep is what a rep costs when nothing else competes for the cores; on a shared machine it
        // is the steadier figure (medians there include waits for a core).
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"min_ms_fwd_bwd={times.Min():F4}"));
        if (softmax is not null)
        {
            double softmaxMedian = Median(softmaxTimes);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"softmax_min_ms_fwd_bwd={softmaxTimes.Min():F4}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"softmax_ms_fwd_bwd={softmaxMedian:F4}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio_to_softmax={median / softmaxMedian:F3}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ms_fwd_bwd={median:F4}"));
        return 0;
    }

    /// <summary>Forward + backward of one transform through the raw batched kernels, or null for an unknown name.</summary>
    private static Action? Step(string name, float[] scores, float[] probs, float[] dy, float[] dx, RowSupports supports, int rows, int cols,
        float alpha) => name switch
    {
        "softmax" => () =>
        {
            Softmax.Forward(scores, probs, rows, cols, 1f);
            Softmax.Backward(probs, dy, dx, rows, cols, 1f);
        },
        "sparsemax" => () =>
        {
            Sparsemax.Forward(scores, probs, rows, cols, 1f, supports);
            Sparsemax.Backward(probs, dy, dx, rows, cols, 1f, supports);
        },
        "sparsemax-sort" => () =>
        {
            Sparsemax.ForwardSorted(scores, probs, rows, cols, 1f, supports);
            Sparsemax.Backward(probs, dy, dx, rows, cols, 1f, supports);
        },
        "entmax15" => () =>
        {
            Entmax15.Forward(scores, probs, rows, cols, 1f, supports);
            Entmax15.Backward(probs, dy, dx, rows, cols, 1f, supports);
        },
        "entmax15-sort" => () =>
        {
            Entmax15.ForwardSorted(scores, probs, rows, cols, 1f, supports);
            Entmax15.Backward(probs, dy, dx, rows, cols, 1f, supports);
        },
        "entmax" => () =>
        {
            EntmaxBisect.Forward(scores, probs, rows, cols, alpha, 1f, supports);
            EntmaxBisect.Backward(probs, dy, dx, rows, cols, alpha, 1f, supports);
        },
        "normmax" => () =>
        {
            NormmaxBisect.Forward(scores, probs, rows, cols, alpha, 1f, supports);
            NormmaxBisect.Backward(probs, dy, dx, rows, cols, alpha, 1f, supports);
        },
        _ => null,
    };

    /// <summary>One timed rep: a fresh cotangent (drawn outside the timed region), then the step.</summary>
    private static double Time(Action step, Random cotangents, float[] dy)
    {
        FillNormal(cotangents, dy);
        long start = Stopwatch.GetTimestamp();
        step();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    private sealed record Options(string Name, float? Alpha, int Batch, int Dim, int Reps);

    private static bool TryParse(string[] args, out Options options, out string? error)
    {
        options = new Options("", null, 0, 0, 0);
        string? name = null;
        float? alpha = null;
        int batch = 0, dim = 0, reps = 0;
        for (int i = 0; i < args.Length; i++)
        {
            string flag = args[i];
            if (i + 1 >= args.Length)
            {
                error = $"{flag} needs a value";
                return false;
            }
            string value = args[++i];
            bool ok = flag switch
            {
                "--name" => (name = value) is not null,
                "--alpha" => float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float a) && (alpha = a) > 1f,
                "--batch" => int.TryParse(value, CultureInfo.InvariantCulture, out batch) && batch > 0,
                "--dim" => int.TryParse(value, CultureInfo.InvariantCulture, out dim) && dim > 0,
                "--reps" => int.TryParse(value, CultureInfo.InvariantCulture, out reps) && reps > 0,
                _ => false,
            };
            if (!ok)
            {
                error = $"bad option {flag} {value}";
                return false;
            }
        }
        if (name is null || batch == 0 || dim == 0 || reps == 0)
        {
            error = "--name, --batch, --dim and --reps are required";
            return false;
        }
        if (alpha is not null && name is not ("entmax" or "normmax"))
        {
            error = $"--alpha applies only to entmax and normmax, not {name}";
            return false;
        }
        options = new Options(name, alpha, batch, dim, reps);
        error = null;
        return true;
    }

    private static float[] Normal(Random random, int count)
    {
        var values = new float[count];
        FillNormal(random, values);
        return values;
    }

    private static void FillNormal(Random random, float[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            values[i] = (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
    }
}
