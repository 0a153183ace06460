using System.Diagnostics;

namespace AgentLab.Bench;

/// <summary>
/// `mlp --in 784 --hidden 512 --out 256 --batch B --steps N`: times N training steps after a warm-up and
/// prints ms_per_step last, the same protocol as bench/compare/mlp_torch.py.
/// </summary>
internal static class MlpBench
{
    public static int Run(IReadOnlyList<string> args)
    {
        var a = new BenchArgs("mlp", args, "in", "hidden", "out", "batch", "steps", "threads");
        int inDim = a.Int("in", 784), hidden = a.Int("hidden", 512), outDim = a.Int("out", 256);
        int batch = a.Int("batch", 64), steps = a.Int("steps", 200);
        AgentLab.Numerics.Blas.SetThreads(a.Int("threads", 2));
        var step = new MlpTrainingStep(inDim, hidden, outDim, batch);
        for (int i = 0; i < 20; i++) step.Run();
        var watch = Stopwatch.StartNew();
        float loss = 0;
        for (int i = 0; i < steps; i++) loss = step.Run();
        double ms = watch.Elapsed.TotalMilliseconds / steps;
        Console.WriteLine($"in={inDim} hidden={hidden} out={outDim} batch={batch} steps={steps} final_loss={loss:F4}");
        Console.WriteLine($"ms_per_step={ms:F4}");
        return 0;
    }
}
