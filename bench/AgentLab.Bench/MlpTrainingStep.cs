using AgentLab.Numerics;

namespace AgentLab.Bench;

/// <summary>
/// One training step of a two-layer ReLU MLP with cross-entropy and Adam: the workload of the side-by-side
/// comparison with PyTorch (bench/compare/mlp_torch.py does the same).
/// </summary>
public sealed class MlpTrainingStep
{
    private readonly Mlp _mlp;
    private readonly Adam _adam;
    private readonly Tape _tape = new();
    private readonly Tensor _inputs;
    private readonly int[] _labels;

    public MlpTrainingStep(int inDim, int hidden, int outDim, int batch, ulong seed = 1)
    {
        var rng = new Rng(seed);
        _mlp = new Mlp("mlp", [inDim, hidden, outDim], rng);
        _adam = new Adam(_mlp.Parameters(), 1e-3f);
        _inputs = new Tensor(batch, inDim);
        rng.FillNormal(_inputs.Span, 0f, 1f);
        _labels = Enumerable.Range(0, batch).Select(_ => rng.NextInt(outDim)).ToArray();
    }

    public float Run()
    {
        _adam.ZeroGrad();
        var loss = _tape.CrossEntropy(_mlp.Forward(_tape, _tape.Constant(_inputs)), _labels);
        float value = loss.Value.Data[0];
        _tape.Backward(loss);
        _adam.Step();
        _tape.Reset();
        return value;
    }
}
