using AgentLab.Memory;

namespace AgentLab.Tests.Memory;

/// <summary>
/// Every recall case of data/golden/hopfield.json: post-transformed memories and query, scores, p, q and the
/// support after one update and after the reference's converged run (a fixed 100 updates), and the energy,
/// in double at 1e-6 (the file's tolerance) and through the float32 memory at 1e-5.
/// </summary>
public class HopfieldGoldenTests
{
    public static IEnumerable<object[]> Names() => HopfieldGolden.RecallNames();

    private static (double[] X, int N, int D, double[] Query, RetrievalMap Map, double Beta, PostTransform Post) Read(string name)
    {
        var c = HopfieldGolden.Get(name);
        var rows = HopfieldGolden.Matrix(c, "X");
        return (rows.SelectMany(r => r).ToArray(), rows.Length, rows[0].Length, HopfieldGolden.Vector(c, "query"), HopfieldGolden.MapOf(c),
            c.GetProperty("beta").GetDouble(), PostTransformNames.Parse(c.GetProperty("post").GetString()!));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Double_recall_matches_the_reference(string name)
    {
        var (x, n, d, query, map, beta, post) = Read(name);
        var expected = HopfieldGolden.Get(name).GetProperty("expected");
        const double tol = HopfieldGolden.Tolerance;

        var xPost = (double[])x.Clone();
        PostTransformKernel.ApplyRows<double>(post, xPost, d);
        HopfieldGolden.AssertClose(HopfieldGolden.Matrix(expected, "X_post").SelectMany(r => r).ToArray(), xPost, tol, "X_post");
        var q0 = (double[])query.Clone();
        PostTransformKernel.ApplyRows<double>(post, q0, d);
        HopfieldGolden.AssertClose(HopfieldGolden.Vector(expected, "q0_post"), q0, tol, "q0_post");

        var one = HopfieldRecall.Run<double>(x, n, query, d, new RecallOptions(map, beta, post, 1, false));
        HopfieldGolden.AssertClose(HopfieldGolden.Vector(expected, "p_step1"), one.Weights, tol, "p_step1");
        HopfieldGolden.AssertClose(HopfieldGolden.Vector(expected, "q_step1"), one.Retrieved, tol, "q_step1");
        Assert.Equal(expected.GetProperty("support_step1").GetInt32(), one.Supports[0].Length);
        Assert.Equal(expected.GetProperty("argmax_step1").GetInt32(), ArgMax(one.Weights));
        Assert.Equal(1, one.Steps[0]);

        int iterations = expected.GetProperty("iters_converged").GetInt32();
        var converged = HopfieldRecall.Run<double>(x, n, query, d, new RecallOptions(map, beta, post, iterations, false));
        HopfieldGolden.AssertClose(HopfieldGolden.Vector(expected, "p_converged"), converged.Weights, tol, "p_converged");
        HopfieldGolden.AssertClose(HopfieldGolden.Vector(expected, "q_converged"), converged.Retrieved, tol, "q_converged");
        Assert.Equal(expected.GetProperty("support_converged").GetInt32(), converged.Supports[0].Length);
        Assert.Equal(iterations, converged.Steps[0]);

        if (!expected.TryGetProperty("energy_q0", out _)) return;
        double[] Energy(double[] q) => HopfieldEnergy.Compute<double>(map, beta, x, n, q, d);
        HopfieldGolden.AssertClose([expected.GetProperty("energy_q0").GetDouble()], Energy(q0), tol, "energy_q0");
        HopfieldGolden.AssertClose([expected.GetProperty("energy_step1").GetDouble()], Energy(one.Retrieved), tol, "energy_step1");
        HopfieldGolden.AssertClose([expected.GetProperty("energy_converged").GetDouble()], Energy(converged.Retrieved), tol, "energy_converged");
        var withEnergy = HopfieldRecall.Run<double>(x, n, query, d, new RecallOptions(map, beta, post, 1, false, ComputeEnergy: true));
        Assert.Equal(Energy(one.Retrieved), withEnergy.Energy);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Float_memory_matches_the_reference_within_float_tolerance(string name)
    {
        var (x, n, d, query, map, beta, post) = Read(name);
        var expected = HopfieldGolden.Get(name).GetProperty("expected");
        var memory = new HopfieldMemory(d);
        for (int i = 0; i < n; i++) memory.Store(x.Skip(i * d).Take(d).Select(v => (float)v).ToArray());
        float[] q = query.Select(v => (float)v).ToArray();

        var one = memory.Recall(q, new RecallOptions(map, beta, post, 1, false));
        HopfieldGolden.AssertClose(HopfieldGolden.Vector(expected, "p_step1"), one.Weights.Select(v => (double)v).ToArray(), 1e-5, "p_step1");
        HopfieldGolden.AssertClose(HopfieldGolden.Vector(expected, "q_step1"), one.Retrieved.Select(v => (double)v).ToArray(), 1e-5, "q_step1");
        var converged = memory.Recall(q, new RecallOptions(map, beta, post, expected.GetProperty("iters_converged").GetInt32(), false));
        HopfieldGolden.AssertClose(HopfieldGolden.Vector(expected, "q_converged"), converged.Retrieved.Select(v => (double)v).ToArray(), 1e-5, "q_converged");
        if (map.IsSparse) Assert.Equal(expected.GetProperty("support_converged").GetInt32(), converged.Supports[0].Length);
    }

    private static int ArgMax(double[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }
}
