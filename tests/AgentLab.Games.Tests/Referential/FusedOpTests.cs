using AgentLab.Games.Referential;
using AgentLab.Numerics;

namespace AgentLab.Games.Tests.Referential;

/// <summary>The referential game's fused ops against the same computation composed from plain tape ops.</summary>
public class FusedOpTests
{
    [Theory]
    [InlineData(3)]    // scalar path only
    [InlineData(20)]   // vector body and scalar tail
    [InlineData(512)]  // the paper's size
    public void SharedScalarNetEqualsTwoLinearLayersWithSigmoids(int hidden)
    {
        var rng = new Rng(4);
        var w = new Parameter("w", new Tensor(hidden, 1)); rng.FillUniform(w.Value.Span, -1, 1);
        var v = new Parameter("v", new Tensor(1, hidden)); rng.FillUniform(v.Value.Span, -0.3f, 0.3f);
        var x = new Tensor(5, 7); rng.FillNormal(x.Span);
        var cot = new float[35]; rng.FillNormal(cot);

        var fused = new Tape();
        var xf = fused.Input(x.Clone());
        var yf = fused.SharedScalarNet(xf, w, v);
        fused.Backward(yf, cot);
        var (dwFused, dvFused) = (w.Gradient.Data.ToArray(), v.Gradient.Data.ToArray());
        w.ZeroGrad(); v.ZeroGrad();

        var plain = new Tape();
        var xp = plain.Input(x.Clone());
        var hiddenLayer = plain.Sigmoid(plain.Linear(plain.Reshape(xp, 35, 1), w));
        var yp = plain.Reshape(plain.Sigmoid(plain.Linear(hiddenLayer, v)), 5, 7);
        plain.Backward(yp, cot);

        Close(yp.Value.Data, yf.Value.Data, "forward");
        Close(xp.Grad!.Data, xf.Grad!.Data, "d/dx");
        Close(w.Gradient.Data, dwFused, "d/dw");
        Close(v.Gradient.Data, dvFused, "d/dv");
    }

    [Theory]
    [InlineData(5)]    // narrow: per-pair products
    [InlineData(40)]   // wide: one GEMM for every message, then gathered
    public void PairLogitsEqualPerPairDotProductsOnBothPaths(int pairsPerGame)
    {
        const int batch = 3, g = 4, e = 6, vocab = 50;
        var rng = new Rng(9);
        var r = new Tensor(batch, g, e); rng.FillNormal(r.Span);
        var table = new Parameter("table", new Tensor(vocab, e)); rng.FillNormal(table.Value.Span);
        int count = batch * pairsPerGame;
        var game = new int[count]; var symbol = new int[count];
        for (int p = 0; p < count; p++) { game[p] = p / pairsPerGame; symbol[p] = rng.NextInt(vocab); }
        Assert.Equal(pairsPerGame > PairLogitsOp.WidePairsPerGame, count > PairLogitsOp.WidePairsPerGame * batch);

        var tape = new Tape();
        var rv = tape.Input(r);
        var y = tape.PairLogits(rv, table, game, symbol, count);
        var cot = new float[count * g]; rng.FillNormal(cot);
        tape.Backward(y, cot);

        var dr = new double[r.Length]; var dt = new double[table.Value.Length];
        for (int p = 0; p < count; p++)
            for (int i = 0; i < g; i++)
            {
                double dot = 0;
                for (int k = 0; k < e; k++)
                {
                    double rk = r.Data[(game[p] * g + i) * e + k], tk = table.Value.Data[symbol[p] * e + k];
                    dot += rk * tk;
                    dr[(game[p] * g + i) * e + k] += cot[p * g + i] * tk;
                    dt[symbol[p] * e + k] += cot[p * g + i] * rk;
                }
                Assert.True(Math.Abs(dot - y.Value.Data[p * g + i]) < 1e-4, $"logit {p},{i}: {dot} vs {y.Value.Data[p * g + i]}");
            }
        Close(dr.Select(d => (float)d).ToArray(), rv.Grad!.Data, "d/dr");
        Close(dt.Select(d => (float)d).ToArray(), table.Gradient.Data, "d/dtable");
    }

    private static void Close(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 2e-5 * Math.Max(1, Math.Abs(expected[i])), $"{what}[{i}]: {expected[i]} vs {actual[i]}");
    }
}
