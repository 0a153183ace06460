using AgentLab.Numerics;

namespace AgentLab.Tests.Numerics;

/// <summary>Every tape op: forward against a float64 oracle, backward against central finite differences.</summary>
public class OpGradientTests
{
    public static TheoryData<int, int, int> MatrixSizes => new() { { 1, 1, 1 }, { 3, 4, 5 }, { 1, 7, 2 }, { 6, 1, 3 }, { 4, 5, 1 } };

    [Theory]
    [MemberData(nameof(MatrixSizes))]
    public void MatMulAllTransposes(int m, int k, int n)
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                GradientCheck.Run(m * 100 + k * 10 + n, [ta ? [k, m] : [m, k], tb ? [n, k] : [k, n]],
                    (t, v) => t.MatMul(v[0], v[1], ta, tb),
                    x => Oracle.MatMul(x[0], x[1], m, k, n, ta, tb));
    }

    [Theory]
    [InlineData(1, 1, 1, true)]
    [InlineData(4, 3, 5, true)]
    [InlineData(2, 6, 1, false)]
    public void LinearWithAndWithoutBias(int rows, int inDim, int outDim, bool bias)
    {
        var rand = new Random(7);
        var w = new Parameter("w", new Tensor(GradientCheck.RandomArray(rand, outDim * inDim), outDim, inDim));
        var b = new Parameter("b", new Tensor(GradientCheck.RandomArray(rand, outDim), outDim));
        // x is checked by the harness; W and b through the parameters' own gradients below.
        GradientCheck.Run(11, [[rows, inDim]], (t, v) => t.Linear(v[0], w, bias ? b : null), x =>
        {
            var y = Oracle.MatMul(x[0], w.Value.Data.Select(f => (double)f).ToArray(), rows, inDim, outDim, false, true);
            if (bias) for (int i = 0; i < y.Length; i++) y[i] += b.Value.Data[i % outDim];
            return y;
        });
        // Weight gradient: d/dW of Σ c ⊙ (x Wᵀ) is cᵀ x; check it on a fresh tape with known c.
        w.ZeroGrad(); b.ZeroGrad();
        var tape = new Tape();
        var xs = new Tensor(GradientCheck.RandomArray(rand, rows * inDim), rows, inDim);
        var cot = GradientCheck.RandomArray(rand, rows * outDim);
        tape.Backward(tape.Linear(tape.Constant(xs), w, bias ? b : null), cot);
        for (int o = 0; o < outDim; o++)
        {
            for (int i = 0; i < inDim; i++)
            {
                double expected = 0;
                for (int r = 0; r < rows; r++) expected += cot[r * outDim + o] * xs.Data[r * inDim + i];
                GradientCheck.AssertClose(expected, w.Gradient.Data[o * inDim + i], 1e-5, $"dW[{o},{i}]");
            }
            double db = 0;
            for (int r = 0; r < rows; r++) db += cot[r * outDim + o];
            GradientCheck.AssertClose(bias ? db : 0, b.Gradient.Data[o], 1e-5, $"db[{o}]");
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 4)]
    public void ElementwiseBinary(int r, int c)
    {
        int[][] shapes = [[r, c], [r, c]];
        GradientCheck.Run(1, shapes, (t, v) => t.Add(v[0], v[1]), x => x[0].Zip(x[1], (a, b) => a + b).ToArray());
        GradientCheck.Run(2, shapes, (t, v) => t.Sub(v[0], v[1]), x => x[0].Zip(x[1], (a, b) => a - b).ToArray());
        GradientCheck.Run(3, shapes, (t, v) => t.Mul(v[0], v[1]), x => x[0].Zip(x[1], (a, b) => a * b).ToArray());
        GradientCheck.Run(4, [[r, c], [c]], (t, v) => t.AddBias(v[0], v[1]), x => x[0].Select((a, i) => a + x[1][i % c]).ToArray());
        GradientCheck.Run(5, [[r, c]], (t, v) => t.Scale(v[0], -2.5f), x => Oracle.Map(x[0], a => -2.5 * a));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 5)]
    public void Activations(int r, int c)
    {
        int[][] shape = [[r, c]];
        // ReLU's kink at 0 is avoided by inputs bounded away from it.
        GradientCheck.Run(1, shape, (t, v) => t.Relu(v[0]), x => Oracle.Map(x[0], a => Math.Max(a, 0)),
            makeInput: (rand, _, s) => GradientCheck.RandomArray(rand, ShapeOf.Size(s)).Select(v => v + MathF.Sign(v) * 0.1f).ToArray());
        GradientCheck.Run(2, shape, (t, v) => t.Tanh(v[0]), x => Oracle.Map(x[0], Math.Tanh));
        GradientCheck.Run(3, shape, (t, v) => t.Sigmoid(v[0]), x => Oracle.Map(x[0], a => 1 / (1 + Math.Exp(-a))));
        GradientCheck.Run(4, shape, (t, v) => t.Exp(v[0]), x => Oracle.Map(x[0], Math.Exp));
        GradientCheck.Run(5, shape, (t, v) => t.Log(v[0]), x => Oracle.Map(x[0], Math.Log),
            makeInput: (rand, _, s) => Enumerable.Range(0, ShapeOf.Size(s)).Select(_ => 0.5f + (float)rand.NextDouble()).ToArray());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(2, 6)]
    public void SoftmaxFamily(int r, int c)
    {
        int[][] shape = [[r, c]];
        GradientCheck.Run(1, shape, (t, v) => t.Softmax(v[0]), x => Oracle.RowWise(x[0], c, Oracle.Softmax));
        GradientCheck.Run(2, shape, (t, v) => t.LogSoftmax(v[0]), x => Oracle.RowWise(x[0], c, row => { var l = Oracle.LogSumExp(row); return row.Select(v => v - l).ToArray(); }));
        GradientCheck.Run(3, shape, (t, v) => t.LogSumExp(v[0]), x => Oracle.RowWise(x[0], c, row => [Oracle.LogSumExp(row)]));
        int[] labels = Enumerable.Range(0, r).Select(i => (i * 7) % c).ToArray();
        GradientCheck.Run(4, shape, (t, v) => t.CrossEntropy(v[0], labels), x =>
        {
            double total = 0;
            for (int i = 0; i < r; i++) { var row = x[0].Skip(i * c).Take(c).ToArray(); total += Oracle.LogSumExp(row) - row[labels[i]]; }
            return [total / r];
        });
    }

    [Fact]
    public void SoftmaxIsStableForLargeScoresAndMasks()
    {
        var tape = new Tape();
        var p = tape.Softmax(tape.Constant(new Tensor([1000f, 999f, float.NegativeInfinity], 1, 3)));
        Assert.Equal(1 / (1 + Math.Exp(-1)), p.Value.Data[0], 6);
        Assert.Equal(0f, p.Value.Data[2]);
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4 }, 0)]
    [InlineData(new[] { 2, 3, 4 }, 1)]
    [InlineData(new[] { 2, 3, 4 }, 2)]
    [InlineData(new[] { 1, 5 }, -1)]
    public void SumAndMeanOverAxis(int[] shape, int axis)
    {
        int ax = axis < 0 ? axis + shape.Length : axis;
        int outer = shape.Take(ax).Aggregate(1, (a, b) => a * b), n = shape[ax], inner = shape.Skip(ax + 1).Aggregate(1, (a, b) => a * b);
        double[] Reduce(double[] x, bool mean)
        {
            var y = new double[outer * inner];
            for (int o = 0; o < outer; o++) for (int i = 0; i < n; i++) for (int j = 0; j < inner; j++) y[o * inner + j] += x[(o * n + i) * inner + j] / (mean ? n : 1);
            return y;
        }
        GradientCheck.Run(1, [shape], (t, v) => t.Sum(v[0], axis), x => Reduce(x[0], false));
        GradientCheck.Run(2, [shape], (t, v) => t.Mean(v[0], axis), x => Reduce(x[0], true));
        GradientCheck.Run(3, [shape], (t, v) => t.SumAll(v[0]), x => [x[0].Sum()]);
        GradientCheck.Run(4, [shape], (t, v) => t.MeanAll(v[0]), x => [x[0].Average()]);
    }

    [Fact]
    public void GatherScatterAddsRepeatedRows()
    {
        int[] ids = [2, 0, 2, 1];
        GradientCheck.Run(1, [[3, 4]], (t, v) => t.Gather(v[0], ids), x => ids.SelectMany(id => x[0].Skip(id * 4).Take(4)).ToArray());
        int[] pick = [1, 0, 2];
        GradientCheck.Run(2, [[3, 3]], (t, v) => t.PickPerRow(v[0], pick), x => pick.Select((c, r) => x[0][r * 3 + c]).ToArray());
    }

    [Fact]
    public void ConcatAlongEachAxis()
    {
        GradientCheck.Run(1, [[2, 3], [2, 1]], (t, v) => t.Concat([v[0], v[1]], 1),
            x => Enumerable.Range(0, 2).SelectMany(r => x[0].Skip(r * 3).Take(3).Concat(x[1].Skip(r).Take(1))).ToArray());
        GradientCheck.Run(2, [[1, 3], [2, 3]], (t, v) => t.Concat([v[0], v[1]], 0), x => x[0].Concat(x[1]).ToArray());
        GradientCheck.Run(3, [[2, 3]], (t, v) => t.Reshape(v[0], 3, 2), x => x[0]);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 4, 5)]
    public void RowDotAndBatchedMatVec(int b, int m, int k)
    {
        GradientCheck.Run(1, [[b, k], [b, k]], (t, v) => t.RowDot(v[0], v[1]),
            x => Enumerable.Range(0, b).Select(r => Enumerable.Range(0, k).Sum(j => x[0][r * k + j] * x[1][r * k + j])).ToArray());
        GradientCheck.Run(2, [[b, m, k], [b, k]], (t, v) => t.BatchedMatVec(v[0], v[1]),
            x => Enumerable.Range(0, b * m).Select(bi => Enumerable.Range(0, k).Sum(j => x[0][bi * k + j] * x[1][(bi / m) * k + j])).ToArray());
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 5)]
    public void LayerNormAllInputs(int rows, int n)
    {
        GradientCheck.Run(1, [[rows, n], [n], [n]], (t, v) => t.LayerNorm(v[0], v[1], v[2]), x =>
        {
            var y = new double[rows * n];
            for (int r = 0; r < rows; r++)
            {
                var row = x[0].Skip(r * n).Take(n).ToArray();
                double mean = row.Average(), variance = row.Sum(v => (v - mean) * (v - mean)) / n;
                for (int i = 0; i < n; i++) y[r * n + i] = (row[i] - mean) / Math.Sqrt(variance + 1e-5) * x[1][i] + x[2][i];
            }
            return y;
        }, gradTol: 5e-3);
    }

    [Fact]
    public void ComposedNetworkGradientAccumulatesThroughSharedInputs()
    {
        // x used twice: gradients from both paths must add up.
        GradientCheck.Run(9, [[2, 3], [3, 3]], (t, v) =>
        {
            var h = t.Tanh(t.MatMul(v[0], v[1]));
            return t.LogSoftmax(t.Add(h, v[0]));
        }, x =>
        {
            var h = Oracle.Map(Oracle.MatMul(x[0], x[1], 2, 3, 3, false, false), Math.Tanh);
            var s = h.Zip(x[0], (a, b) => a + b).ToArray();
            return Oracle.RowWise(s, 3, row => { var l = Oracle.LogSumExp(row); return row.Select(v => v - l).ToArray(); });
        });
    }
}
