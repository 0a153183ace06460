using AgentLab.Numerics;

namespace AgentLab.Tests.Numerics;

public class ModuleTests
{
    [Fact]
    public void LinearInitialisesWithinPyTorchsDefaultBound()
    {
        var lin = new Linear("l", 100, 30, new Rng(1));
        float bound = 1f / MathF.Sqrt(100);
        Assert.All(lin.Weight.Value.Data, w => Assert.InRange(w, -bound, bound));
        Assert.All(lin.Bias!.Value.Data, b => Assert.InRange(b, -bound, bound));
        // Uniform on [-bound, bound]: variance bound²/3.
        double variance = lin.Weight.Value.Data.Select(w => (double)w * w).Average();
        Assert.InRange(variance, bound * bound / 3 * 0.85, bound * bound / 3 * 1.15);
        Assert.Equal(["l.weight", "l.bias"], lin.Parameters().Select(p => p.Name));
        Assert.Null(new Linear("n", 3, 2, new Rng(1), bias: false).Bias);
    }

    [Fact]
    public void EmbeddingIsStandardNormalAndLooksUpRows()
    {
        var emb = new Embedding("e", 200, 50, new Rng(3));
        var data = emb.Table.Value.Data;
        Assert.InRange(data.Average(), -0.05, 0.05);
        Assert.InRange(data.Select(v => (double)v * v).Average(), 0.9, 1.1);
        var tape = new Tape();
        var rows = emb.Forward(tape, [7, 7, 0]);
        Assert.Equal(data.AsSpan(7 * 50, 50).ToArray(), rows.Value.Row(1).ToArray());
        tape.Backward(rows, Enumerable.Repeat(1f, 150).ToArray());
        Assert.Equal(2f, emb.Table.Gradient[7 * 50]);  // looked up twice
        Assert.Equal(0f, emb.Table.Gradient[3 * 50]);
    }

    [Fact]
    public void LayerNormStartsAsPlainNormalisation()
    {
        var ln = new LayerNorm("ln", 4);
        var tape = new Tape();
        var y = ln.Forward(tape, tape.Constant(new Tensor([1f, 2f, 3f, 4f], 1, 4)));
        Assert.Equal(0f, y.Value.Data.Sum(), 5);
        Assert.Equal(1f, y.Value.Data.Select(v => v * v).Average(), 3);
    }

    [Fact]
    public void MlpTrainsAndTheSameSeedGivesIdenticalBits()
    {
        float[] Train(ulong seed)
        {
            var rng = new Rng(seed);
            var mlp = new Mlp("mlp", [6, 16, 3], rng);
            var adam = new Adam(mlp.Parameters(), 0.01f);
            var tape = new Tape();
            var x = new Tensor(32, 6);
            rng.FillNormal(x.Span);
            int[] labels = Enumerable.Range(0, 32).Select(i => x.Data[i * 6] > 0 ? 1 : (x.Data[i * 6 + 1] > 0 ? 2 : 0)).ToArray();
            float first = 0, last = 0;
            for (int step = 0; step < 200; step++)
            {
                adam.ZeroGrad();
                var loss = tape.CrossEntropy(mlp.Forward(tape, tape.Constant(x)), labels);
                if (step == 0) first = loss.Value.Data[0];
                last = loss.Value.Data[0];
                tape.Backward(loss);
                adam.Step();
                tape.Reset();
            }
            Assert.True(last < first * 0.3f, $"loss went from {first} to {last}");
            return mlp.Parameters().SelectMany(p => p.Value.Data).ToArray();
        }
        var a = Train(5);
        var b = Train(5);
        Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), b.Select(BitConverter.SingleToInt32Bits));
        Assert.NotEqual(a, Train(6));
    }
}
