using System.Numerics.Tensors;

namespace AgentLab.Numerics;

/// <summary>Clipping by global norm, as torch.nn.utils.clip_grad_norm_ (coefficient max/(norm+1e-6), capped at 1).</summary>
public static class GradientClipping
{
    /// <summary>Scales all gradients so their joint 2-norm is at most maxNorm; returns the norm before clipping.</summary>
    public static float ClipByGlobalNorm(IEnumerable<Parameter> parameters, float maxNorm)
    {
        var list = parameters as IReadOnlyList<Parameter> ?? parameters.ToArray();
        double sumSquares = 0;
        foreach (var p in list)
        {
            var g = p.Gradient.Span;
            sumSquares += TensorPrimitives.Dot(g, g);
        }
        float total = (float)Math.Sqrt(sumSquares);
        float coef = maxNorm / (total + 1e-6f);
        if (coef < 1f)
            foreach (var p in list) TensorPrimitives.Multiply(p.Gradient.Span, coef, p.Gradient.Span);
        return total;
    }
}
