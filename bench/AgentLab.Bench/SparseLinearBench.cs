using System.Diagnostics;
using System.Globalization;
using AgentLab.Numerics;

namespace AgentLab.Bench;

/// <summary>
/// `sparse-linear --nonzeros K [--batch 64] [--in 256] [--out 256] [--reps 400] [--seed 1]`: times the
/// receiver's message map m = W y, forward + backward (d/d values and d/dW), on B random messages with K
/// nonzeros each, once per path of <see cref="Tape.SparseLinear"/>: per-entry products (`ms_narrow`) and
/// scatter + GEMM (`ms_wide`). Median over the reps after a 0.5 s warm-up; prints both, then `ratio`
/// (narrow / wide) last. The crossover sets <see cref="Tape.WideSparseRow"/>.
/// </summary>
internal static class SparseLinearBench
{
    public static int Run(IReadOnlyList<string> args)
    {
        var a = new BenchArgs("sparse-linear", args, "nonzeros", "batch", "in", "out", "reps", "seed", "threads");
        Blas.SetThreads(a.Int("threads", 2));
        int batch = a.Int("batch", 64), inDim = a.Int("in", 256), outDim = a.Int("out", 256), reps = a.Int("reps", 400);
        int nonzeros = a.Int("nonzeros", 2);
        if (nonzeros > inDim) throw new ArgumentException($"sparse-linear: --nonzeros {nonzeros} exceeds --in {inDim}");
        var rng = new Rng((ulong)a.Int("seed", 1));
        var weight = new Parameter("w", new Tensor(outDim, inDim));
        rng.FillNormal(weight.Value.Span);
        var values = new Tensor(batch * nonzeros);
        rng.FillUniform(values.Span, 0f, 1f);
        var rowStart = new int[batch + 1];
        var columns = new int[batch * nonzeros];
        var pick = Enumerable.Range(0, inDim).ToArray();
        for (int b = 0; b < batch; b++)
        {
            rng.Shuffle<int>(pick);
            var row = pick[..nonzeros];
            Array.Sort(row);
            row.CopyTo(columns, b * nonzeros);
            rowStart[b + 1] = (b + 1) * nonzeros;
        }
        var cotangent = new float[batch * outDim];
        rng.FillNormal(cotangent);

        var tape = new Tape();
        double Time(int wideRow)
        {
            void Step()
            {
                tape.Reset();
                var y = tape.SparseLinear(tape.Input(values), rowStart, columns, batch, weight, wideRow);
                tape.Backward(y, cotangent);
            }
            var warmup = Stopwatch.StartNew();
            for (int i = 0; i < 20 || warmup.ElapsedMilliseconds < 500; i++) Step();
            var times = new double[reps];
            for (int rep = 0; rep < reps; rep++)
            {
                long start = Stopwatch.GetTimestamp();
                Step();
                times[rep] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            Array.Sort(times);
            return times[reps / 2];
        }

        double narrow = Time(int.MaxValue), wide = Time(0);
        Console.WriteLine($"batch={batch} in={inDim} out={outDim} nonzeros={nonzeros} reps={reps}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ms_narrow={narrow:F4} ms_wide={wide:F4}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio={narrow / wide:F3}"));
        return 0;
    }
}
