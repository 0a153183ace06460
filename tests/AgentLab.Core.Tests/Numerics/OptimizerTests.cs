using AgentLab.Numerics;

namespace AgentLab.Tests.Numerics;

public class OptimizerTests
{
    [Fact]
    public void AdamFirstStepsMoveByTheLearningRate()
    {
        // With a constant gradient, bias correction makes every early step exactly lr (up to eps).
        var p = new Parameter("p", new Tensor([1f], 1));
        var adam = new Adam([p], learningRate: 0.1f);
        p.Gradient.Data[0] = 0.5f; adam.Step();
        Assert.Equal(0.9f, p.Value.Data[0], 5);
        adam.Step();
        Assert.Equal(0.8f, p.Value.Data[0], 5);
    }

    [Fact]
    public void AdamMatchesTheFormulaWrittenOutWithWeightDecay()
    {
        float[] grads = [0.3f, -1.2f, 0.05f, 2.0f, -0.7f];
        var p = new Parameter("p", new Tensor([0.4f, -0.2f], 2));
        var adam = new Adam([p], learningRate: 0.01f, beta1: 0.8f, beta2: 0.99f, epsilon: 1e-6f, weightDecay: 0.1f);
        double[] x = [0.4, -0.2], m = [0, 0], v = [0, 0];
        for (int t = 1; t <= grads.Length; t++)
        {
            for (int i = 0; i < 2; i++)
            {
                double g = grads[t - 1] * (i + 1);
                p.Gradient.Data[i] = (float)g;
                g += 0.1 * x[i];
                m[i] = 0.8 * m[i] + 0.2 * g;
                v[i] = 0.99 * v[i] + 0.01 * g * g;
                double mHat = m[i] / (1 - Math.Pow(0.8, t)), denom = Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(0.99, t)) + 1e-6;
                x[i] -= 0.01 * mHat / denom;
            }
            adam.Step();
            for (int i = 0; i < 2; i++) Assert.Equal(x[i], p.Value.Data[i], 5);
        }
        Assert.Equal(grads.Length, adam.StepCount);
    }

    [Fact]
    public void AdamVectorAndScalarPathsAgree()
    {
        // 37 entries: a SIMD body and a scalar tail; every entry gets the same gradient, so all must match.
        var p = new Parameter("p", new Tensor(37));
        p.Value.Span.Fill(1f);
        var adam = new Adam([p], learningRate: 0.05f, weightDecay: 0.01f);
        for (int t = 0; t < 3; t++) { p.Gradient.Span.Fill(0.3f * (t + 1)); adam.Step(); }
        foreach (float v in p.Value.Data) Assert.Equal(p.Value.Data[0], v);
    }

    [Fact]
    public void SgdMomentumMatchesPyTorchRecurrence()
    {
        var p = new Parameter("p", new Tensor([1f], 1));
        var sgd = new Sgd([p], learningRate: 0.1f, momentum: 0.9f);
        p.Gradient.Data[0] = 1f; sgd.Step();   // buf = 1, p = 0.9
        Assert.Equal(0.9f, p.Value.Data[0], 6);
        p.Gradient.Data[0] = 1f; sgd.Step();   // buf = 1.9, p = 0.71
        Assert.Equal(0.71f, p.Value.Data[0], 6);
        var q = new Parameter("q", new Tensor([1f], 1));
        var nesterov = new Sgd([q], learningRate: 0.1f, momentum: 0.9f, nesterov: true);
        q.Gradient.Data[0] = 1f; nesterov.Step(); // buf = 1, update 1 + 0.9 = 1.9
        Assert.Equal(0.81f, q.Value.Data[0], 6);
    }

    [Fact]
    public void OptimizerStateRoundTripsThroughNames()
    {
        var p = new Parameter("w", new Tensor([1f, 2f], 2));
        var adam = new Adam([p], 0.1f);
        p.Gradient.Span.Fill(0.5f); adam.Step();
        var saved = adam.State().ToDictionary(s => s.Name, s => s.Value.Clone());
        Assert.Equal(["adam.m.w", "adam.v.w"], saved.Keys.Order());
        var q = new Parameter("w", p.Value.Clone());
        var restored = new Adam([q], 0.1f);
        restored.LoadState(adam.StepCount, (name, value) => value.CopyFrom(saved[name]));
        p.Gradient.Span.Fill(-0.25f); q.Gradient.Span.Fill(-0.25f);
        adam.Step(); restored.Step();
        Assert.Equal(p.Value.Data, q.Value.Data);
    }

    [Fact]
    public void ClipByGlobalNormScalesAllGradientsTogether()
    {
        var a = new Parameter("a", new Tensor(2)); var b = new Parameter("b", new Tensor(1));
        a.Gradient.Data[0] = 3f; a.Gradient.Data[1] = 0f; b.Gradient.Data[0] = 4f;
        float norm = GradientClipping.ClipByGlobalNorm([a, b], 1f);
        Assert.Equal(5f, norm, 5);
        Assert.Equal(0.6f, a.Gradient.Data[0], 5);
        Assert.Equal(0.8f, b.Gradient.Data[0], 5);
        GradientClipping.ClipByGlobalNorm([a, b], 10f); // below the limit: unchanged
        Assert.Equal(0.6f, a.Gradient.Data[0], 5);
    }

    [Fact]
    public void DuplicateParameterNamesAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Adam([new Parameter("x", new Tensor(1)), new Parameter("x", new Tensor(1))]));
        Assert.Contains("\"x\"", ex.Message);
    }
}
