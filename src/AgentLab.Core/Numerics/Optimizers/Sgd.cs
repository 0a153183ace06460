namespace AgentLab.Numerics;

/// <summary>
/// SGD with momentum, PyTorch semantics: g += wd·p; buf = g on the first step, else μ·buf + (1−dampening)·g;
/// the update uses buf (or g + μ·buf with Nesterov); p −= lr · update.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly Tensor[] _buffers;

    public Sgd(IEnumerable<Parameter> parameters, float learningRate, float momentum = 0f,
        float dampening = 0f, float weightDecay = 0f, bool nesterov = false)
        : base(parameters, learningRate)
    {
        if (nesterov && (momentum <= 0f || dampening != 0f))
            throw new ArgumentException("sgd: Nesterov momentum needs momentum > 0 and dampening 0");
        Momentum = momentum; Dampening = dampening; WeightDecay = weightDecay; Nesterov = nesterov;
        _buffers = Parameters.Select(p => new Tensor(p.Shape)).ToArray();
    }

    public float Momentum { get; }
    public float Dampening { get; }
    public float WeightDecay { get; }
    public bool Nesterov { get; }

    public override void Step()
    {
        bool first = StepCount == 0;
        StepCount++;
        for (int k = 0; k < Parameters.Count; k++)
        {
            var p = Parameters[k].Value.Span; var g = Parameters[k].Gradient.Span; var buf = _buffers[k].Span;
            for (int i = 0; i < p.Length; i++)
            {
                float d = g[i] + WeightDecay * p[i];
                if (Momentum != 0f)
                {
                    buf[i] = first ? d : Momentum * buf[i] + (1f - Dampening) * d;
                    d = Nesterov ? d + Momentum * buf[i] : buf[i];
                }
                p[i] -= LearningRate * d;
            }
        }
    }

    public override IEnumerable<(string Name, Tensor Value)> State()
    {
        for (int k = 0; k < Parameters.Count; k++) yield return ("sgd.momentum." + Parameters[k].Name, _buffers[k]);
    }
}
