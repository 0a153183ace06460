using AgentLab.Channels;
using AgentLab.Channels.BitVector;
using AgentLab.Numerics;

namespace AgentLab.Games.BitVectorVae;

/// <summary>
/// The bit-vector VAE's methods and their default learning rates (the paper's scripts/bit_vector/*.sh:
/// 2e-3 for the sparse marginalization methods, 1e-3 for the Monte Carlo and relaxed estimators).
/// </summary>
public static class BitVectorVaeMethods
{
    public static readonly string[] Names = ["topk-sparsemax", "sparsemap", "sparsemap-budget", "sfe", "sfe-plus", "nvil", "gumbel", "gumbel-st"];

    public static float DefaultLearningRate(string method) => method is "topk-sparsemax" or "sparsemap" or "sparsemap-budget" ? 2e-3f : 1e-3f;

    /// <summary>Whether the method marginalizes exactly over a sparse support (its ELBO is exact, not sampled).</summary>
    public static bool IsExact(string method) => method is "topk-sparsemax" or "sparsemap" or "sparsemap-budget";

    public static IBitVectorChannel Create(BitVectorVaeScenario sc, Rng rng) => sc.Method switch
    {
        "topk-sparsemax" => new TopKSparsemaxBitChannel(sc.Method, sc.TopK),
        "sparsemap" => new SparseMapBitChannel(sc.Method, budget: null, sc.SparseMapIterations),
        "sparsemap-budget" => new SparseMapBitChannel(sc.Method, sc.Budget, sc.SparseMapIterations),
        "sfe" => new ScoreFunctionBitChannel(sc.Method, sampleBaseline: false),
        "sfe-plus" => new ScoreFunctionBitChannel(sc.Method, sampleBaseline: true),
        "nvil" => new NvilBitChannel(sc.Method, sc.Pixels, sc.LearningRate, rng),
        "gumbel" => new BinaryConcreteBitChannel(sc.Method, straightThrough: false, new TemperatureSchedule()),
        "gumbel-st" => new BinaryConcreteBitChannel(sc.Method, straightThrough: true, new TemperatureSchedule()),
        _ => throw new ArgumentException($"unknown bit-vector VAE method \"{sc.Method}\" (expected one of {string.Join(", ", Names)})"),
    };
}
