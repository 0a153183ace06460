using System.Numerics;
using System.Numerics.Tensors;
using AgentLab.Numerics;
using AgentLab.Sparse;

namespace AgentLab.Memory;

/// <summary>
/// Batched Hopfield recall (HOPFIELD.md §2), generic over float (the memory's path, sgemm) and double (the
/// command line and the reference comparisons, dgemm). One update of B queries is two GEMMs and a row map:
/// S = β Q Xᵀ [B x N], P = yhat(S) row by row in parallel, Q = post(P X) — the second product accumulates
/// only the support rows of X when P is sparse, so its work grows with the support, not with N.
/// </summary>
public static class HopfieldRecall
{
    /// <summary>
    /// The second product uses the support rows when the batch has at most this fraction of non-zeros:
    /// a GEMM does far more multiply-adds per second than row accumulation, so a dense-ish P goes to GEMM.
    /// </summary>
    public const double SparseProductDensity = 1.0 / 16;

    /// <summary>
    /// Recalls <paramref name="queries"/> [B x D] from <paramref name="memories"/> [N x D] (both row-major,
    /// raw: the post-transformation is applied here).
    /// </summary>
    public static RecallResult<T> Run<T>(ReadOnlySpan<T> memories, int memoryCount, ReadOnlySpan<T> queries, int dimension, RecallOptions options)
        where T : IFloatingPointIeee754<T>
    {
        CheckMatrix(memories, memoryCount, dimension, "memories");
        var post = memories[..(memoryCount * dimension)].ToArray();
        PostTransformKernel.ApplyRows<T>(options.Post, post, dimension);
        return RunPrepared(post, memoryCount, queries, dimension, options);
    }

    /// <summary>As <see cref="Run{T}"/>, with memories that already went through the post-transformation.</summary>
    internal static RecallResult<T> RunPrepared<T>(T[] postMemories, int n, ReadOnlySpan<T> queries, int d, RecallOptions options)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (n < 1) throw new ArgumentException("the memory is empty: store a pattern before recalling", "memories");
        if (d < 1) throw new ArgumentException($"dimension must be positive, got {d}", nameof(d));
        if (postMemories.Length < n * d) throw new ShapeException($"recall: {postMemories.Length} memory values are too few for {n} x {d}");
        if (queries.Length == 0 || queries.Length % d != 0)
            throw new ShapeException($"recall: {queries.Length} query values are not a non-empty batch of rows of dimension {d}");
        int b = queries.Length / d;
        CheckFinite(queries, d, "queries");
        RetrievalMapKernel.CheckK(options.Map, n);

        var q = queries.ToArray();
        PostTransformKernel.ApplyRows<T>(options.Post, q, d);
        var scores = new T[b * n];
        var p = new T[b * n];
        var nextQ = new T[b * d];
        var previousP = options.StopWhenStable ? new T[b * n] : null;
        var active = new bool[b];
        Array.Fill(active, true);
        var steps = new int[b];
        var rowMaps = new ParallelRowMap(b, n);
        int running = b;
        T beta = T.CreateTruncating(options.Beta);

        for (int step = 1; step <= options.MaxSteps && running > 0; step++)
        {
            Blas.Gemm<T>(false, true, b, n, d, beta, q, postMemories, T.Zero, scores);
            rowMaps.Forward(options.Map, scores, p);
            Product(p, postMemories, nextQ, b, n, d, rowMaps);
            PostTransformKernel.ApplyRows<T>(options.Post, nextQ, d);
            for (int r = 0; r < b; r++)
            {
                if (!active[r]) continue;
                steps[r] = step;
                nextQ.AsSpan(r * d, d).CopyTo(q.AsSpan(r * d, d));
                if (previousP is null) continue;
                var pr = p.AsSpan(r * n, n);
                var previous = previousP.AsSpan(r * n, n);
                if (step > 1 && pr.SequenceEqual(previous))
                {
                    active[r] = false;
                    running--;
                }
                else pr.CopyTo(previous);
            }
            if (previousP is not null && running < b)
            {
                // Frozen queries keep the p of the update that found them stable.
                for (int r = 0; r < b; r++)
                    if (!active[r]) previousP.AsSpan(r * n, n).CopyTo(p.AsSpan(r * n, n));
            }
        }

        var supports = new int[b][];
        for (int r = 0; r < b; r++)
        {
            var row = p.AsSpan(r * n, n);
            int count = 0;
            foreach (T v in row) count += v > T.Zero ? 1 : 0;
            var indices = new int[count];
            count = 0;
            for (int i = 0; i < n; i++)
                if (row[i] > T.Zero) indices[count++] = i;
            supports[r] = indices;
        }
        double[]? energy = options.ComputeEnergy ? HopfieldEnergy.Compute<T>(options.Map, options.Beta, postMemories, n, q, d) : null;
        return new RecallResult<T>(b, n, d, q, p, supports, steps, energy);
    }

    /// <summary>Q = P X: support-row accumulation for a sparse batch, one GEMM otherwise.</summary>
    private static void Product<T>(T[] p, T[] memories, T[] result, int b, int n, int d, ParallelRowMap rowMaps)
        where T : IFloatingPointIeee754<T>
    {
        if (rowMaps.TotalSupport > SparseProductDensity * b * n)
        {
            Blas.Gemm<T>(false, false, b, d, n, T.One, p, memories, T.Zero, result);
            return;
        }
        ParallelRowMap.ForChunks(b, (start, count) =>
        {
            for (int r = start; r < start + count; r++)
            {
                var target = result.AsSpan(r * d, d);
                target.Clear();
                var pr = p.AsSpan(r * n, n);
                foreach (int i in rowMaps.Support(r))
                    TensorPrimitives.MultiplyAdd<T>(memories.AsSpan(i * d, d), pr[i], target, target);
            }
        });
    }

    internal static void CheckMatrix<T>(ReadOnlySpan<T> values, int rows, int cols, string name) where T : IFloatingPointIeee754<T>
    {
        if (rows < 0 || cols < 1 || values.Length < (long)rows * cols)
            throw new ShapeException($"recall: \"{name}\" has {values.Length} values, too few for {rows} x {cols}");
        CheckFinite(values[..(rows * cols)], cols, name);
    }

    internal static void CheckFinite<T>(ReadOnlySpan<T> values, int cols, string name) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++)
            if (!T.IsFinite(values[i]))
                throw new ArgumentException($"\"{name}\" row {i / cols} column {i % cols} is {values[i]}; values must be finite", name);
    }
}
