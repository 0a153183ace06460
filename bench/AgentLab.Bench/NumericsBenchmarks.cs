using BenchmarkDotNet.Attributes;

namespace AgentLab.Bench;

/// <summary>BenchmarkDotNet view of the MLP training step at the two batch sizes of docs/PERFORMANCE.md.</summary>
[MemoryDiagnoser]
public class NumericsBenchmarks
{
    private MlpTrainingStep _step = null!;

    [Params(64, 1024)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        AgentLab.Numerics.Blas.SetThreads(2);
        _step = new MlpTrainingStep(784, 512, 256, Batch);
    }

    [Benchmark]
    public float MlpStep784x512x256() => _step.Run();
}
