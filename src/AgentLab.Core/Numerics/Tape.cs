namespace AgentLab.Numerics;

/// <summary>
/// Reverse-mode autodiff. Ops called on a tape compute their value at once and, while recording, push a
/// closure that later turns the output's gradient into its inputs' gradients. One tape per agent: an agent
/// records its forward pass, receives cotangents for its outputs (possibly from another agent) and runs
/// <see cref="Backward(Var, ReadOnlySpan{float})"/>. <see cref="Reset"/> ends a step and recycles buffers.
/// </summary>
public sealed partial class Tape
{
    private readonly List<Action> _backward = new();
    private readonly TensorPool _pool = new();
    private int _noGradDepth;

    /// <summary>False inside <see cref="NoGrad"/>: ops compute values only (evaluation).</summary>
    public bool IsRecording => _noGradDepth == 0;

    /// <summary>Number of recorded backward steps (for tests and diagnostics).</summary>
    public int RecordedOps => _backward.Count;

    /// <summary>Evaluation mode until the returned scope is disposed; nests.</summary>
    public IDisposable NoGrad()
    {
        _noGradDepth++;
        return new Scope(this);
    }

    private sealed class Scope(Tape tape) : IDisposable
    {
        private bool _done;
        public void Dispose()
        {
            if (_done) return;
            _done = true;
            tape._noGradDepth--;
        }
    }

    /// <summary>Wraps an input that needs no gradient (data, targets).</summary>
    public Var Constant(Tensor value, string name = "input") => new(value, name, requiresGrad: false);

    /// <summary>
    /// Wraps an input whose gradient the caller wants back, e.g. activations received from another agent:
    /// after backward, <see cref="Var.Grad"/> holds the cotangent to send back.
    /// </summary>
    public Var Input(Tensor value, string name = "input") => new(value, name, requiresGrad: true);

    /// <summary>A fresh tensor from this tape's pool, valid until <see cref="Reset"/>.</summary>
    public Tensor NewTensor(int[] shape, bool zeroed = false) => _pool.Rent(shape, zeroed);

    // Output, Record and GradOf are the whole interface for writing an op, here or in a game's own fused ops:
    // compute the value into NewTensor, wrap it with Output, and Record a closure that reads output.Grad and
    // adds into GradOf(input) for every input that RequiresGrad.

    /// <summary>Makes the output var of an op; it requires grad when recording and any input does.</summary>
    public Var Output(Tensor value, string name, Var a) => new(value, name, IsRecording && a.RequiresGrad);

    public Var Output(Tensor value, string name, Var a, Var b) =>
        new(value, name, IsRecording && (a.RequiresGrad || b.RequiresGrad));

    public Var Output(Tensor value, string name, Var a, Var b, Var c) =>
        new(value, name, IsRecording && (a.RequiresGrad || b.RequiresGrad || c.RequiresGrad));

    /// <summary>Records the backward step of an op whose output needs a gradient.</summary>
    public void Record(Var output, Action backward)
    {
        if (output.RequiresGrad) _backward.Add(backward);
    }

    /// <summary>The gradient buffer of a var, created zeroed on first use (parameters keep theirs).</summary>
    public Tensor GradOf(Var v) => v.Grad ??= _pool.Rent(v.Shape, zeroed: true);

    /// <summary>Back-propagates from a scalar loss (seed 1).</summary>
    public void Backward(Var loss)
    {
        if (loss.Value.Length != 1)
            throw new ShapeException($"backward: loss \"{loss.Name}\" has shape {ShapeOf.Format(loss.Shape)}; pass a cotangent for a non-scalar output");
        Seed(loss, [1f]);
        RunBackward();
    }

    /// <summary>
    /// Back-propagates a cotangent injected for an output that was consumed elsewhere (e.g. by another agent).
    /// </summary>
    public void Backward(Var output, ReadOnlySpan<float> cotangent)
    {
        Seed(output, cotangent);
        RunBackward();
    }

    /// <summary>
    /// Adds a cotangent to an output's gradient without running backward, so that several outputs (scores
    /// sent to a channel, an entropy bonus kept locally) can be seeded before one <see cref="RunBackward"/>.
    /// </summary>
    public void Seed(Var output, ReadOnlySpan<float> cotangent)
    {
        if (cotangent.Length != output.Value.Length)
            throw new ShapeException($"backward: cotangent of length {cotangent.Length} for \"{output.Name}\" of shape {ShapeOf.Format(output.Shape)}");
        if (!output.RequiresGrad)
            throw new InvalidOperationException($"backward: \"{output.Name}\" does not depend on anything that requires a gradient");
        var grad = GradOf(output).Data;
        System.Numerics.Tensors.TensorPrimitives.Add(grad, cotangent, grad);
    }

    /// <summary>Runs every op recorded so far in reverse, then clears the record; buffers stay valid until Reset.</summary>
    public void RunBackward()
    {
        for (int i = _backward.Count - 1; i >= 0; i--) _backward[i]();
        _backward.Clear();
    }

    /// <summary>Ends a step: forgets recorded ops and returns every intermediate buffer to the pool.</summary>
    public void Reset()
    {
        _backward.Clear();
        _pool.ReturnAll();
    }
}
