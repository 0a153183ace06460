using System.Diagnostics;
using System.Globalization;
using AgentLab.Games.Data;
using AgentLab.Memory;

namespace AgentLab.Bench;

/// <summary>
/// Plain timing of batched Hopfield recall through <see cref="HopfieldMemory"/> (float32):
/// <c>recall --transform NAME [--alpha A] [--k K] --n N --dim D --batch B --steps T --reps R [--beta B] [--post P] [--threads T]</c>
/// (T = OpenBLAS threads for the large products, default the core count).
/// The setting of the reference measurement (HOPFIELD.md §8): Fashion-MNIST train images in [-1, 1] (D = 784;
/// random patterns for another D), the first N of a seeded permutation as memories, queries = the first B
/// memories plus 0.3·N(0,1) noise clamped to [-1, 1], l2 post and β = 100 by default, a fixed number of
/// updates. Prints the settings, then <c>ms_per_batch=&lt;median over R reps&gt;</c> as the last line.
/// </summary>
public static class RecallBench
{
    public static int Run(string[] args)
    {
        var a = new BenchArgs("recall", args, "transform", "alpha", "k", "n", "dim", "batch", "steps", "reps", "beta", "post", "threads");
        string name = a.String("transform", "sparsemax");
        double? alpha = name is "entmax" or "normmax" ? a.Float("alpha", 2f) : null;
        int? k = name is "ksubsets" or "sequential-ksubsets" ? a.Int("k", 2) : null;
        var map = RetrievalMap.Parse(name, alpha, k);
        int n = a.Int("n", 1024), d = a.Int("dim", 784), b = a.Int("batch", 256), steps = a.Int("steps", 1), reps = a.Int("reps", 20);
        var post = PostTransformNames.Parse(a.String("post", "l2"));
        var options = new RecallOptions(map, a.Float("beta", 100f), post, steps, false);
        int threads = a.Int("threads", Environment.ProcessorCount);
        AgentLab.Numerics.Blas.SetThreads(threads);

        var (memories, source) = Memories(n, d);
        var memory = new HopfieldMemory(d, n);
        for (int i = 0; i < n; i++) memory.Store(memories.AsSpan(i * d, d));
        var noise = new Random(7);
        var queries = new float[b * d];
        for (int r = 0; r < b; r++)
            for (int j = 0; j < d; j++)
                queries[r * d + j] = Math.Clamp(memories[(r % n) * d + j] + 0.3f * Normal(noise), -1f, 1f);

        // Warm up until tiered JIT has settled on optimized code: at least 40 recalls (the per-row kernels are
        // promoted after 30 calls) and 3 s (the background compiler is slow to get the CPU on a busy machine).
        var warmup = Stopwatch.StartNew();
        RecallResult<float> result = memory.Recall(queries, options);
        for (int i = 0; i < 40 || warmup.ElapsedMilliseconds < 3000; i++) result = memory.Recall(queries, options);

        var times = new double[reps];
        for (int rep = 0; rep < reps; rep++)
        {
            long start = Stopwatch.GetTimestamp();
            result = memory.Recall(queries, options);
            times[rep] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        double median = reps % 2 == 1 ? times[reps / 2] : 0.5 * (times[reps / 2 - 1] + times[reps / 2]);
        double meanSupport = result.Supports.Average(s => s.Length);
        int exact = 0;
        for (int r = 0; r < b; r++) exact += Cosine(result.RetrievedRow(r), memory.Pattern(r % n)) > 0.99 ? 1 : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"transform={map} n={n} dim={d} batch={b} steps={steps} beta={options.Beta} post={post.ToName()} data={source} reps={reps} dtype=float32 " +
            $"mean_support={meanSupport:F2} exact={(double)exact / b:F3} blas_threads={threads}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ms_per_batch={median:F3}"));
        return 0;
    }

    private static (float[] Values, string Source) Memories(int n, int d)
    {
        var values = new float[n * d];
        if (d == FashionMnist.PixelCount && File.Exists(Path.Combine(FashionMnist.DefaultRoot, "train-images-idx3-ubyte.gz")))
        {
            var images = FashionMnist.Load(FashionMnist.TrainSplit).Images;
            var order = Enumerable.Range(0, images.Rows).ToArray();
            new Random(0).Shuffle(order);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < d; j++) values[i * d + j] = 2 * images.Values[order[i % images.Rows] * d + j] - 1;
            return (values, "fashion-mnist");
        }
        var rand = new Random(0);
        for (int i = 0; i < values.Length; i++) values[i] = (float)(rand.NextDouble() * 2 - 1);
        return (values, "uniform");
    }

    private static float Normal(Random rand) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - rand.NextDouble())) * Math.Cos(2 * Math.PI * rand.NextDouble()));

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.Sqrt(aa * bb + 1e-30);
    }
}
