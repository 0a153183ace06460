using AgentLab.Channels.MixedInformation;
using AgentLab.Channels.Pathwise;
using AgentLab.Tests.Sparse;

namespace AgentLab.Tests.Channels;

/// <summary>
/// The stochastic channels' math (docs/ALGORITHMS.md §8) against the float64 golden cases: the recorded noise
/// goes in, the sample, its support and its VJP for the case's cotangent come out. Computed in float32, as the
/// channels run, with the float tolerance of §0 (1e-5, relative for large values).
/// </summary>
public class PathwiseGoldenTests
{
    private const double Abs = 1e-5, Rel = 1e-5;

    private static float[] F(double[]? values) => GoldenRunner.To<float>(values ?? throw new InvalidDataException("missing field"));

    private static double[] D(float[] values) => GoldenRunner.ToDouble<float>(values);

    public static TheoryData<string> GaussianSparsemaxCases => GoldenTransforms.IdsOf("gaussian_sparsemax");
    public static TheoryData<string> KdHardConcreteCases => GoldenTransforms.IdsOf("kd_hard_concrete");
    public static TheoryData<string> GumbelSoftmaxCases => GoldenTransforms.IdsOf("gumbel_softmax");
    public static TheoryData<string> StraightThroughCases => GoldenTransforms.IdsOf("gumbel_softmax_st");
    public static TheoryData<string> BitGaussianSparsemaxCases => GoldenTransforms.IdsOf("bit_gaussian_sparsemax");
    public static TheoryData<string> BinaryConcreteCases => GoldenTransforms.IdsOf("binary_concrete");
    public static TheoryData<string> HardConcreteBitCases => GoldenTransforms.IdsOf("hard_concrete_bit");

    [Theory, MemberData(nameof(GaussianSparsemaxCases))]
    public void Gaussian_sparsemax_matches_sample_support_and_vjp(string id)
    {
        var c = GoldenTransforms.Get(id);
        float[] logits = F(c.Logits);
        var perturbed = new float[logits.Length];
        var y = new float[logits.Length];
        int support = GaussianSparsemaxSample.Forward<float>(logits, F(c.Normals), (float)c.Param("sigma"), perturbed, y);
        Expect.Close(c.Y!, D(y), Abs, Rel, $"{id} y");
        Assert.Equal(c.SupportSize, support);
        var vjp = new float[logits.Length];
        GaussianSparsemaxSample.AddVjp<float>(y, F(c.Cotangent), vjp);
        Expect.Close(c.VjpLogits!, D(vjp), Abs, Rel, $"{id} vjp");
    }

    [Theory, MemberData(nameof(KdHardConcreteCases))]
    public void Kd_hard_concrete_matches_noise_sample_support_and_vjp(string id)
    {
        var c = GoldenTransforms.Get(id);
        float[] logits = F(c.Logits);
        // The uniforms must give the recorded Gumbel noise, then the recorded noise must give the sample.
        var gumbels = c.Uniforms!.Select(u => GumbelNoise.FromUniform<float>(u)).ToArray();
        Expect.Close(c.Gumbels!, D(gumbels), Abs, Rel, $"{id} gumbels");
        var relaxed = new float[logits.Length];
        var y = new float[logits.Length];
        float temperature = (float)c.Temperature, lambda = (float)c.Param("lambda");
        int support = KdHardConcreteSample.Forward<float>(logits, F(c.Gumbels), temperature, lambda, relaxed, y);
        Expect.Close(c.Y!, D(y), Abs, Rel, $"{id} y");
        Assert.Equal(c.SupportSize, support);
        var vjp = new float[logits.Length];
        KdHardConcreteSample.AddVjp<float>(relaxed, y, F(c.Cotangent), temperature, lambda, vjp);
        Expect.Close(c.VjpLogits!, D(vjp), Abs, Rel, $"{id} vjp");
    }

    [Theory, MemberData(nameof(GumbelSoftmaxCases))]
    public void Gumbel_softmax_matches_noise_sample_and_vjp(string id)
    {
        var (c, soft) = GumbelSample(id);
        Expect.Close(c.Y!, D(soft), Abs, Rel, $"{id} y");
        var vjp = new float[soft.Length];
        GumbelSoftmaxSample.AddVjp<float>(soft, F(c.Cotangent), (float)c.Temperature, vjp);
        Expect.Close(c.VjpLogits!, D(vjp), Abs, Rel, $"{id} vjp");
    }

    [Theory, MemberData(nameof(StraightThroughCases))]
    public void Straight_through_gumbel_sends_the_argmax_vertex_and_differentiates_the_soft_sample(string id)
    {
        var (c, soft) = GumbelSample(id);
        var message = new double[soft.Length];
        message[GumbelSoftmaxSample.StraightThroughIndex<float>(soft)] = 1;
        Assert.Equal(c.Y!, message);
        var vjp = new float[soft.Length];
        GumbelSoftmaxSample.AddVjp<float>(soft, F(c.Cotangent), (float)c.Temperature, vjp);
        Expect.Close(c.VjpLogits!, D(vjp), Abs, Rel, $"{id} vjp");
    }

    private static (GoldenCase Case, float[] Soft) GumbelSample(string id)
    {
        var c = GoldenTransforms.Get(id);
        var gumbels = c.Uniforms!.Select(u => GumbelNoise.FromUniform<float>(u)).ToArray();
        Expect.Close(c.Gumbels!, D(gumbels), Abs, Rel, $"{id} gumbels");
        var soft = new float[c.Logits!.Length];
        GumbelSoftmaxSample.Forward<float>(F(c.Logits), F(c.Gumbels), (float)c.Temperature, soft);
        Expect.Close(c.YSoft!, D(soft), Abs, Rel, $"{id} y_soft");
        return (c, soft);
    }

    [Theory, MemberData(nameof(BitGaussianSparsemaxCases))]
    public void Bit_gaussian_sparsemax_matches_sample_vjp_and_both_entropy_formulas(string id)
    {
        var c = GoldenTransforms.Get(id);
        float[] logits = F(c.Logits);
        float[] n0 = c.NormalsPairs!.Select(p => (float)p[0]).ToArray(), n1 = c.NormalsPairs!.Select(p => (float)p[1]).ToArray();
        var y = new float[logits.Length];
        double std = c.Param("std");
        BitGaussianSparsemaxSample.Forward<float>(logits, n0, n1, (float)std, y);
        Expect.Close(c.Y!, D(y), Abs, Rel, $"{id} y");
        var vjp = new float[logits.Length];
        BitGaussianSparsemaxSample.AddVjp<float>(y, F(c.Cotangent), vjp);
        Expect.Close(c.VjpLogits!, D(vjp), Abs, Rel, $"{id} vjp");

        // The entropies are closed forms, computed in double: the corrected one to 1e-12; the reference's own
        // numbers differ from its formula re-evaluated here by ~2e-11 (its float64 erf), hence 1e-10.
        var corrected = c.Logits!.Select(l => BitGaussianSparsemaxEntropy.Corrected(l, std)).ToArray();
        Expect.Close(c.MixedEntropyCorrected!, corrected, 1e-12, 1e-12, $"{id} corrected entropy");
        var reference = c.Logits!.Select(l => BitGaussianSparsemaxEntropy.ReferenceFormula(l, std)).ToArray();
        Expect.Close(c.MixedEntropyReferenceFormula!, reference, 1e-10, 1e-10, $"{id} reference entropy");
    }

    [Theory, MemberData(nameof(BinaryConcreteCases))]
    public void Binary_concrete_matches_sample_and_vjp(string id)
    {
        var c = GoldenTransforms.Get(id);
        float[] logits = F(c.Logits);
        var y = new float[logits.Length];
        float temperature = (float)c.Temperature;
        BinaryConcreteSample.Forward<float>(logits, F(c.Uniforms), temperature, y);
        Expect.Close(c.Y!, D(y), Abs, Rel, $"{id} y");
        var vjp = new float[logits.Length];
        BinaryConcreteSample.AddVjp<float>(logits, y, F(c.Cotangent), temperature, vjp);
        Expect.Close(c.VjpLogits!, D(vjp), Abs, Rel, $"{id} vjp");
    }

    [Theory, MemberData(nameof(HardConcreteBitCases))]
    public void Hard_concrete_bit_matches_sample_vjp_and_the_reference_point_masses(string id)
    {
        var c = GoldenTransforms.Get(id);
        float[] logits = F(c.Logits);
        var relaxed = new float[logits.Length];
        var y = new float[logits.Length];
        float temperature = (float)c.Temperature, lower = (float)c.Param("lower"), upper = (float)c.Param("upper");
        HardConcreteBitSample.Forward<float>(logits, F(c.Uniforms), temperature, lower, upper, relaxed, y);
        Expect.Close(c.Y!, D(y), Abs, Rel, $"{id} y");
        var vjp = new float[logits.Length];
        HardConcreteBitSample.AddVjp<float>(logits, relaxed, y, F(c.Cotangent), temperature, lower, upper, vjp);
        Expect.Close(c.VjpLogits!, D(vjp), Abs, Rel, $"{id} vjp");

        var reference = c.Logits!.Select(l => HardConcreteBitSample.ReferenceFaceProbabilities(l, c.Temperature, c.Param("lower"), c.Param("upper"))).ToArray();
        Expect.Close(c.P0!, reference.Select(p => p.Zero).ToArray(), 1e-12, 1e-12, $"{id} p0");
        Expect.Close(c.P1!, reference.Select(p => p.One).ToArray(), 1e-12, 1e-12, $"{id} p1");
        // The exact point masses sit just below the reference's (which count y ≤ 1e-4 and y ≥ 1 − 1e-4 too).
        var exact = c.Logits!.Select(l => HardConcreteBitSample.FaceProbabilities(l, c.Temperature, c.Param("lower"), c.Param("upper"))).ToArray();
        for (int i = 0; i < exact.Length; i++)
        {
            Assert.InRange(exact[i].Zero, c.P0![i] * (1 - 2e-3), c.P0[i]);
            Assert.InRange(exact[i].One, c.P1![i] * (1 - 2e-3), c.P1[i]);
        }
    }
}
