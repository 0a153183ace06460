using AgentLab.Memory;
using AgentLab.Numerics;
using AgentLab.Tests.Numerics;

namespace AgentLab.Tests.Memory;

/// <summary>
/// The pooling layer against a double oracle written out in the test: forward, and gradients w.r.t. every
/// parameter (query, key and value projections, learned β) and the instances by central finite differences.
/// </summary>
public class HopfieldPoolingTests
{
    private const int Bag = 6, Input = 5, Hidden = 3, Output = 2;

    public static IEnumerable<object[]> Cases() =>
    [
        ["softmax", PostTransform.Identity], ["sparsemax", PostTransform.Identity], ["entmax15", PostTransform.L2],
        ["normmax", PostTransform.LayerNorm], ["ksubsets", PostTransform.Identity],
    ];

    private static RetrievalMap MapOf(string name) => name switch
    {
        "normmax" => RetrievalMap.Normmax(2),
        "ksubsets" => RetrievalMap.KSubsets(2),
        _ => RetrievalMap.Parse(name),
    };

    /// <summary>out = yhat(β post(q) post(inst W_kᵀ + b_k)ᵀ) (inst W_vᵀ + b_v), everything in double.</summary>
    private static double[] Oracle(RetrievalMap map, PostTransform post, double[] inst, double[] query, double[] wk, double[] bk,
        double[] wv, double[] bv, double beta)
    {
        var keys = Affine(inst, wk, bk, Hidden);
        PostTransformKernel.ApplyRows<double>(post, keys, Hidden);
        var q = (double[])query.Clone();
        PostTransformKernel.ApplyRows<double>(post, q, Hidden);
        var scores = new double[Bag];
        for (int i = 0; i < Bag; i++)
            for (int h = 0; h < Hidden; h++) scores[i] += beta * q[h] * keys[i * Hidden + h];
        var p = new double[Bag];
        RetrievalMapKernel.Forward<double>(map, scores, p, 1, Bag, new AgentLab.Sparse.RowSupports(1, Bag));
        var values = Affine(inst, wv, bv, Output);
        var result = new double[Output];
        for (int i = 0; i < Bag; i++)
            for (int o = 0; o < Output; o++) result[o] += p[i] * values[i * Output + o];
        return result;
    }

    private static double[] Affine(double[] x, double[] w, double[] b, int outDim)
    {
        var y = new double[Bag * outDim];
        for (int r = 0; r < Bag; r++)
            for (int o = 0; o < outDim; o++)
            {
                double s = b[o];
                for (int i = 0; i < Input; i++) s += x[r * Input + i] * w[o * Input + i];
                y[r * outDim + o] = s;
            }
        return y;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pooling_gradients_match_finite_differences(string name, PostTransform post)
    {
        var map = MapOf(name);
        var pooling = new HopfieldPooling("pool", Input, Hidden, Output, map, beta: 1.5, new Rng(7), post, learnBeta: true);
        var rand = new Random(9);
        var instances = GradientCheck.RandomArray(rand, Bag * Input);
        var cotangent = GradientCheck.RandomArray(rand, Output);
        var tape = new Tape();
        var inst = tape.Input(new Tensor((float[])instances.Clone(), Bag, Input));
        var (pooled, weights) = pooling.Attend(tape, inst);
        tape.Backward(pooled, cotangent);

        // Inputs of the oracle: instances, query, W_k, b_k, W_v, b_v, log β.
        var parameters = pooling.Parameters().ToArray();
        var all = new List<(double[] Values, float[] Grad, string Name)> { (instances.Select(v => (double)v).ToArray(), inst.Grad!.Data, "instances") };
        foreach (var p in parameters) all.Add((p.Value.Data.Select(v => (double)v).ToArray(), p.Gradient.Data, p.Name));
        double[] Evaluate() => Oracle(map, post, all[0].Values, all[1].Values, all[2].Values, all[3].Values, all[4].Values, all[5].Values,
            Math.Exp(all[6].Values[0]));
        double Loss() => Evaluate().Select((v, i) => v * cotangent[i]).Sum();

        var forward = Evaluate();
        for (int o = 0; o < Output; o++) GradientCheck.AssertClose(forward[o], pooled.Value.Data[o], 1e-5, $"pooled[{o}]");
        Assert.Equal(Bag, weights.Value.Length);
        const double h = 1e-6;
        foreach (var (values, grad, label) in all)
            for (int j = 0; j < values.Length; j++)
            {
                double saved = values[j];
                values[j] = saved + h; double up = Loss();
                values[j] = saved - h; double down = Loss();
                values[j] = saved;
                GradientCheck.AssertClose((up - down) / (2 * h), grad[j], 3e-3, $"d/d {label}[{j}]");
            }
    }

    [Fact]
    public void Sparse_pooling_attends_to_few_instances_and_accepts_any_bag_size()
    {
        var pooling = new HopfieldPooling("pool", Input, Hidden, Output, RetrievalMap.Sparsemax, beta: 50, new Rng(1));
        var tape = new Tape();
        foreach (int bag in new[] { 1, 4, 9 })
        {
            var rand = new Random(bag);
            var (pooled, weights) = pooling.Attend(tape, tape.Constant(new Tensor(GradientCheck.RandomArray(rand, bag * Input), bag, Input)));
            Assert.Equal([1, Output], pooled.Shape);
            Assert.Equal(1.0, weights.Value.Data.Sum(), 5);
            Assert.True(weights.Value.Data.Count(v => v > 0) <= Math.Max(1, bag / 2), "a large beta keeps sparsemax to a few instances");
        }
    }
}
