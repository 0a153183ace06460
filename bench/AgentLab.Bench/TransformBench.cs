using System.Diagnostics;
using System.Globalization;
using AgentLab.Sparse;

namespace AgentLab.Bench;

/// <summary>
/// Plain timing of one sparse transformation, forward + backward in float32:
/// <c>transform --name NAME [--alpha A] --batch B --dim K --reps R</c>. Scores are standard normal from a
/// fixed seed; every rep gets a fresh cotangent (drawn outside the timed region). Prints the settings, then
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
        Action step = options.Name switch
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
            _ => null!,
        };
        if (step is null)
        {
            Console.Error.WriteLine($"transform bench: unknown --name {options.Name}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var cotangents = new Random(99);
        // Warm up until tiered JIT has settled on optimized code (at least 20 reps and 0.5 s).
        var warmup = Stopwatch.StartNew();
        for (int i = 0; i < 20 || warmup.ElapsedMilliseconds < 500; i++)
        {
            FillNormal(cotangents, dy);
            step();
        }

        var times = new double[options.Reps];
        for (int rep = 0; rep < options.Reps; rep++)
        {
            FillNormal(cotangents, dy);
            long start = Stopwatch.GetTimestamp();
            step();
            times[rep] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        double median = times.Length % 2 == 1
            ? times[times.Length / 2]
            : 0.5 * (times[times.Length / 2 - 1] + times[times.Length / 2]);

        string alphaText = options.Name is "entmax" or "normmax" ? alpha.ToString("R", CultureInfo.InvariantCulture) : "-";
        Console.WriteLine($"name={options.Name} alpha={alphaText} batch={rows} dim={cols} reps={options.Reps} dtype=float32 " +
            $"mean_support={(double)supports.TotalCount / rows:F2}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ms_fwd_bwd={median:F4}"));
        return 0;
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
