using System.Diagnostics;
using AgentLab.Sparse.SparseMap;

namespace AgentLab.Bench;

/// <summary>
/// `sparsemap --n N --k K --reps R [--scale 1] [--seed 1]`: times the active-set SparseMAP solver on R
/// random rows of exactly-k subsets (scores ~ N(0, scale²)), one Stopwatch reading per row after a 0.5 s warm-up,
/// and prints the median ms_per_row last. The closed-form bisection on the same rows and the mean active-set
/// size and iteration count are printed first, for context.
/// Measured on the shared 2-core box (scale 1, 300 rows, median ms per row, two seeds):
/// n=32: k=2 0.007, k=8 0.016–0.027; n=128: k=2 0.015–0.019, k=8 0.057–0.070; n=512: k=2 0.025–0.036,
/// k=8 0.12–0.13. Cost follows the active-set size (≈ fractional coordinates + 1, 5–20 here): flatter scores
/// (scale 0.3, n=512, k=8) give ~53 structures and 0.63 ms, sharper ones (scale 3) ~7 and 0.05 ms. The
/// bisection closed form costs 0.005–0.07 ms whatever the scale, but gives marginals only.
/// </summary>
internal static class SparseMapBench
{
    public static int Run(IReadOnlyList<string> args)
    {
        var a = new BenchArgs("sparsemap", args, "n", "k", "reps", "scale", "seed");
        int n = a.Int("n", 128), k = a.Int("k", 8), reps = a.Int("reps", 200);
        double scale = a.Float("scale", 1f);
        if (k > n) throw new ArgumentException($"sparsemap: --k {k} exceeds --n {n}");
        var random = new Random(a.Int("seed", 1));
        var rows = Enumerable.Range(0, reps).Select(_ => Normal(random, n, scale)).ToArray();
        var structure = new KSubsets(n, k);

        var marginals = new double[n];
        WarmUp(() =>
        {
            foreach (var row in rows.Take(20))
            {
                ActiveSetSolver.Solve(structure, row, []);
                KSubsetMarginals.Exactly(row, k, marginals);
            }
        });
        var solverMs = new double[reps];
        double activeSum = 0, iterationSum = 0;
        int unconverged = 0;
        for (int r = 0; r < reps; r++)
        {
            long start = Stopwatch.GetTimestamp();
            var solution = ActiveSetSolver.Solve(structure, rows[r], []);
            solverMs[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            activeSum += solution.ActiveSet.Count;
            iterationSum += solution.Iterations;
            if (!solution.Converged) unconverged++;
        }

        var closedMs = new double[reps];
        for (int r = 0; r < reps; r++)
        {
            long start = Stopwatch.GetTimestamp();
            KSubsetMarginals.Exactly(rows[r], k, marginals);
            closedMs[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Console.WriteLine($"n={n} k={k} reps={reps} scale={scale:G4} mean_active_set={activeSum / reps:F1} mean_iterations={iterationSum / reps:F1} unconverged={unconverged}");
        Console.WriteLine($"closed_form_ms_per_row={Median(closedMs):F4}");
        Console.WriteLine($"ms_per_row={Median(solverMs):F4}");
        return 0;
    }

    /// <summary>Runs the work for at least half a second so tiered JIT has promoted the hot paths to optimised code.</summary>
    private static void WarmUp(Action work)
    {
        var watch = Stopwatch.StartNew();
        do work();
        while (watch.ElapsedMilliseconds < 500);
    }

    private static double[] Normal(Random random, int count, double scale)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            values[i] = scale * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return values;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }
}
