using AgentLab.Memory;
using AgentLab.Numerics;
using AgentLab.Tests.Numerics;

namespace AgentLab.Tests.Memory;

/// <summary>
/// The recall tape op against the double recall as oracle: forward values and the VJP by central finite
/// differences, through several updates, w.r.t. the queries, the memories and a learned β.
/// </summary>
public class RecallGradientTests
{
    private const int B = 2, N = 5, D = 4;

    public static IEnumerable<object[]> Maps() =>
    [
        ["softmax"], ["sparsemax"], ["entmax15"], ["entmax:1.3"], ["normmax:2"], ["normmax:5"], ["ksubsets:2"], ["sequential:2"],
    ];

    private static RetrievalMap MapOf(string spec)
    {
        var parts = spec.Split(':');
        return parts[0] switch
        {
            "entmax" => RetrievalMap.Entmax(double.Parse(parts[1])),
            "normmax" => RetrievalMap.Normmax(double.Parse(parts[1])),
            "ksubsets" => RetrievalMap.KSubsets(int.Parse(parts[1])),
            // A moderate pair score: the reference's 1e8 leaves finite differences at its rounding level.
            "sequential" => RetrievalMap.SequentialKSubsets(int.Parse(parts[1]), pairScore: 0.5),
            _ => RetrievalMap.Parse(parts[0]),
        };
    }

    [Theory]
    [MemberData(nameof(Maps))]
    public void Recall_backpropagates_through_the_updates(string spec)
    {
        foreach (var post in new[] { PostTransform.Identity, PostTransform.L2, PostTransform.LayerNorm })
        {
            var options = new RecallOptions(MapOf(spec), post == PostTransform.Identity ? 0.8 : 2.0, post, 3, false);
            GradientCheck.Run(11, [[B, D], [N, D]],
                (tape, v) => tape.HopfieldRecall(v[0], v[1], options).Retrieved,
                x => HopfieldRecall.Run<double>(x[1], N, x[0], D, options).Retrieved,
                forwardTol: 2e-5, gradTol: 3e-3);
        }
    }

    [Theory]
    [MemberData(nameof(Maps))]
    public void Weights_backpropagate_to_a_learned_beta(string spec)
    {
        var map = MapOf(spec);
        GradientCheck.Run(5, [[B, D], [N, D], [1]],
            (tape, v) => tape.HopfieldRecall(v[0], v[1], new RecallOptions(map, 1, PostTransform.Identity, 2, false), beta: v[2]).Weights,
            x => HopfieldRecall.Run<double>(x[1], N, x[0], D, new RecallOptions(map, x[2][0], PostTransform.Identity, 2, false)).Weights,
            forwardTol: 2e-5, gradTol: 3e-3,
            makeInput: (rand, k, shape) => k == 2 ? [(float)(0.6 + rand.NextDouble())] : GradientCheck.RandomArray(rand, shape.Aggregate(1, (a, b) => a * b)));
    }

    [Fact]
    public void Tape_recall_equals_the_memory_recall()
    {
        var rand = new Random(2);
        var x = GradientCheck.RandomArray(rand, N * D);
        var q = GradientCheck.RandomArray(rand, B * D);
        var options = new RecallOptions(RetrievalMap.Sparsemax, 1.5, PostTransform.L2, 4, false);
        var memory = new HopfieldMemory(D);
        for (int i = 0; i < N; i++) memory.Store(x.AsSpan(i * D, D));
        var expected = memory.Recall(q, options);
        var tape = new Tape();
        var result = tape.HopfieldRecall(tape.Constant(new Tensor(q, B, D)), tape.Constant(new Tensor(x, N, D)), options);
        for (int i = 0; i < B * D; i++) Assert.Equal(expected.Retrieved[i], result.Retrieved.Value.Data[i], 5);
        for (int i = 0; i < B * N; i++) Assert.Equal(expected.Weights[i], result.Weights.Value.Data[i], 5);
        Assert.Equal(4, result.Steps);
    }

    [Fact]
    public void Tape_recall_stops_when_every_row_is_stable_and_checks_its_inputs()
    {
        // Orthogonal patterns far past the sparsemax margin: the second update repeats p, so recording stops there.
        var x = new float[N * D];
        for (int i = 0; i < Math.Min(N, D); i++) x[i * D + i] = 3;
        var q = new float[B * D];
        q[0] = 2.5f;
        q[D + 1] = 2.8f;
        var tape = new Tape();
        var options = new RecallOptions(RetrievalMap.Sparsemax, 1, PostTransform.Identity, 10, StopWhenStable: true);
        var result = tape.HopfieldRecall(tape.Input(new Tensor(q, B, D)), tape.Input(new Tensor(x, N, D)), options);
        Assert.Equal(2, result.Steps);
        Assert.Equal(3f, result.Retrieved.Value.Data[0]);
        Assert.Equal("k", Assert.Throws<ArgumentException>(() =>
            tape.HopfieldRecall(tape.Constant(new Tensor(q, B, D)), tape.Constant(new Tensor(x, N, D)), options with { Map = RetrievalMap.KSubsets(N + 1) })).ParamName);
        Assert.Throws<ShapeException>(() => tape.HopfieldRecall(tape.Constant(new Tensor(q, B, D)), tape.Constant(new Tensor(new float[N * 3], N, 3)), options));
    }

    [Fact]
    public void Support_product_is_exact_on_the_support()
    {
        // A sparse batch takes the support path: Q = P X exactly, dX = Pᵀ dQ, and dP = dQ Xᵀ on the support
        // (off the support dP is left 0: every retrieval map's Jacobian ignores it).
        const int n = 40;
        var rand = new Random(4);
        var x = GradientCheck.RandomArray(rand, n * D);
        var p = new float[B * n];
        p[3] = 1;
        p[n + 17] = 0.25f;
        p[n + 30] = 0.75f;
        var g = GradientCheck.RandomArray(rand, B * D);
        var tape = new Tape();
        var pv = tape.Input(new Tensor(p, B, n));
        var xv = tape.Input(new Tensor(x, n, D));
        var q = tape.SupportProduct(pv, xv);
        tape.Backward(q, g);
        for (int r = 0; r < B; r++)
        {
            for (int j = 0; j < D; j++)
            {
                double expected = 0;
                for (int i = 0; i < n; i++) expected += p[r * n + i] * x[i * D + j];
                Assert.Equal(expected, q.Value.Data[r * D + j], 1e-5);
            }
            for (int i = 0; i < n; i++)
            {
                double expected = 0;
                if (p[r * n + i] != 0)
                    for (int j = 0; j < D; j++) expected += g[r * D + j] * x[i * D + j];
                Assert.Equal(expected, pv.Grad!.Data[r * n + i], 1e-5);
            }
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < D; j++)
            {
                double expected = 0;
                for (int r = 0; r < B; r++) expected += p[r * n + i] * g[r * D + j];
                Assert.Equal(expected, xv.Grad!.Data[i * D + j], 1e-5);
            }
    }
}
