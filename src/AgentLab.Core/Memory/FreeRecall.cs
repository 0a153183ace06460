using AgentLab.Numerics;
using AgentLab.Sparse;

namespace AgentLab.Memory;

/// <summary>
/// Free and sequential recall (HOPFIELD.md §5, HFYN <c>memory_retrieval_modeling.py</c>), in double: starting
/// from q = x_0, N episodes each recall one memory (argmax p after the episode), and a per-memory state keeps
/// the dynamics from returning to memories already recalled. No post-transformation (the reference's setting).
/// </summary>
public static class FreeRecall
{
    /// <summary>The reference's penalty γ (so large that a recalled memory is effectively masked).</summary>
    public const double DefaultGamma = 1e9;

    /// <summary>The reference's trace decay λ.</summary>
    public const double DefaultDecay = 0.001;

    /// <summary>The reference's ω of sequential recall (penalise the old pattern, small bonus for the new one).</summary>
    public const double DefaultOmega = 1.1;

    /// <summary>
    /// Constrained sparsemax free recall: caps u = 1; each episode runs <paramref name="maxIterations"/> updates
    /// p = csparsemax(β X q, u), q = Xᵀp, then u ← max(u − p, 0) (a recalled memory loses capacity; q carries over).
    /// </summary>
    public static FreeRecallResult Constrained(ReadOnlySpan<double> memories, int count, int dimension, double beta, int maxIterations)
    {
        var x = Check(memories, count, dimension, beta, maxIterations);
        int n = count, d = dimension;
        var caps = new double[n];
        Array.Fill(caps, 1.0);
        var q = x.AsSpan(0, d).ToArray();
        var theta = new double[n];
        var p = new double[n];
        var recalled = new int[n];
        for (int episode = 0; episode < n; episode++)
        {
            for (int it = 0; it < maxIterations; it++)
            {
                Scores(x, n, d, q, beta, theta);
                ConstrainedSparsemax.Forward(theta, caps, p);
                Combine(x, n, d, p, q);
            }
            for (int i = 0; i < n; i++) caps[i] = Math.Max(caps[i] - p[i], 0);
            recalled[episode] = RowKernels.ArgMax<double>(p);
        }
        return new FreeRecallResult(recalled);
    }

    /// <summary>
    /// Penalized free recall: trace a = 0; each episode one penalized update p = yhat(β(Xq − γa)),
    /// a ← λp + (1 − λ)a, q = Xᵀp, then <paramref name="maxIterations"/> plain updates p = yhat(βXq), q = Xᵀp
    /// (which may fall back to an old attractor).
    /// </summary>
    public static FreeRecallResult Penalized(ReadOnlySpan<double> memories, int count, int dimension, RetrievalMap map, double beta,
        int maxIterations, double gamma = DefaultGamma, double decay = DefaultDecay)
    {
        var x = Check(memories, count, dimension, beta, maxIterations);
        CheckTrace(map, gamma, decay);
        int n = count, d = dimension;
        var trace = new double[n];
        var q = x.AsSpan(0, d).ToArray();
        var theta = new double[n];
        var p = new double[n];
        var supports = new RowSupports(1, n);
        var recalled = new int[n];
        for (int episode = 0; episode < n; episode++)
        {
            PenalizedMap(map, x, n, d, q, beta, gamma, trace, theta, p, supports);
            for (int i = 0; i < n; i++) trace[i] = decay * p[i] + (1 - decay) * trace[i];
            Combine(x, n, d, p, q);
            PlainUpdates(map, x, n, d, q, beta, maxIterations, theta, p, supports);
            recalled[episode] = RowKernels.ArgMax<double>(p);
        }
        return new FreeRecallResult(recalled);
    }

    /// <summary>
    /// Sequential recall: each episode μ = SeqKSubsets(β(Xq − γa)) picks (for k = 2, w = 1e8) the best adjacent
    /// pair, q = Xᵀμ − q drops the current pattern and keeps its neighbour, then <paramref name="maxIterations"/>
    /// plain updates p = yhat(Xq), q = Xᵀp — without β, as the reference — and a ← λ(μ − ωp) + (1 − λ)a.
    /// </summary>
    /// <param name="map">The map of the plain updates (softmax, 1.5-entmax or sparsemax in the reference).</param>
    /// <param name="sequence">The structured map of the episode step; default sequential 2-subsets with w = 1e8.</param>
    public static FreeRecallResult Sequential(ReadOnlySpan<double> memories, int count, int dimension, RetrievalMap map, double beta,
        int maxIterations, double gamma = DefaultGamma, double decay = DefaultDecay, double omega = DefaultOmega, RetrievalMap? sequence = null)
    {
        var x = Check(memories, count, dimension, beta, maxIterations);
        CheckTrace(map, gamma, decay);
        if (!double.IsFinite(omega)) throw new ArgumentException($"omega must be finite, got {omega}", nameof(omega));
        sequence ??= RetrievalMap.SequentialKSubsets();
        if (sequence.Kind != RetrievalMapKind.SequentialKSubsets)
            throw new ArgumentException($"the episode map must be sequential k-subsets, not {sequence}", nameof(sequence));
        int n = count, d = dimension;
        var trace = new double[n];
        var q = x.AsSpan(0, d).ToArray();
        var selected = new double[d];
        var theta = new double[n];
        var mu = new double[n];
        var p = new double[n];
        var supports = new RowSupports(1, n);
        var recalled = new int[n];
        for (int episode = 0; episode < n; episode++)
        {
            PenalizedMap(sequence, x, n, d, q, beta, gamma, trace, theta, mu, supports);
            Combine(x, n, d, mu, selected);
            for (int j = 0; j < d; j++) q[j] = selected[j] - q[j];
            mu.CopyTo(p, 0);
            PlainUpdates(map, x, n, d, q, 1, maxIterations, theta, p, supports);
            for (int i = 0; i < n; i++) trace[i] = decay * (mu[i] - omega * p[i]) + (1 - decay) * trace[i];
            recalled[episode] = RowKernels.ArgMax<double>(p);
        }
        return new FreeRecallResult(recalled);
    }

    private static double[] Check(ReadOnlySpan<double> memories, int count, int dimension, double beta, int maxIterations)
    {
        if (count < 1) throw new ArgumentException("free recall needs at least one memory", nameof(count));
        if (dimension < 1) throw new ArgumentException($"dimension must be positive, got {dimension}", nameof(dimension));
        HopfieldRecall.CheckMatrix(memories, count, dimension, "memories");
        if (!double.IsFinite(beta) || !(beta > 0)) throw new ArgumentException($"beta must be a positive finite number, got {beta}", nameof(beta));
        if (maxIterations < 0) throw new ArgumentException($"the iterations per episode must be ≥ 0, got {maxIterations}", nameof(maxIterations));
        return memories[..(count * dimension)].ToArray();
    }

    private static void CheckTrace(RetrievalMap map, double gamma, double decay)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (!double.IsFinite(gamma) || gamma < 0) throw new ArgumentException($"gamma must be finite and ≥ 0, got {gamma}", nameof(gamma));
        if (!(decay >= 0 && decay <= 1)) throw new ArgumentException($"the decay must be in [0, 1], got {decay}", nameof(decay));
    }

    /// <summary>output = yhat(β(Xq − γa)): the episode step, with recalled memories penalised by their trace a.</summary>
    private static void PenalizedMap(RetrievalMap map, double[] x, int n, int d, double[] q, double beta, double gamma, double[] trace,
        double[] theta, double[] output, RowSupports supports)
    {
        Scores(x, n, d, q, 1, theta);
        for (int i = 0; i < n; i++) theta[i] = beta * (theta[i] - gamma * trace[i]);
        RetrievalMapKernel.Forward<double>(map, theta, output, 1, n, supports);
    }

    /// <summary><paramref name="iterations"/> unpenalised updates p = yhat(scale · Xq), q = Xᵀp.</summary>
    private static void PlainUpdates(RetrievalMap map, double[] x, int n, int d, double[] q, double scale, int iterations, double[] theta,
        double[] p, RowSupports supports)
    {
        for (int it = 0; it < iterations; it++)
        {
            Scores(x, n, d, q, scale, theta);
            RetrievalMapKernel.Forward<double>(map, theta, p, 1, n, supports);
            Combine(x, n, d, p, q);
        }
    }

    /// <summary>θ = scale · X q.</summary>
    private static void Scores(double[] x, int n, int d, double[] q, double scale, double[] theta) =>
        Blas.Dgemm(false, false, n, 1, d, scale, x, q, 0, theta);

    /// <summary>q = Xᵀ p over the support of p.</summary>
    private static void Combine(double[] x, int n, int d, double[] p, double[] q)
    {
        Array.Clear(q);
        for (int i = 0; i < n; i++)
        {
            if (p[i] == 0) continue;
            for (int j = 0; j < d; j++) q[j] += p[i] * x[i * d + j];
        }
    }
}
