using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
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
        return RunPrepared(post, memoryCount, queries, dimension, options, new RecallWorkspace<T>(), gram: null);
    }

    /// <summary>As <see cref="Run{T}"/>, with memories that already went through the post-transformation.</summary>
    /// <remarks>
    /// Aggressively optimised (like <see cref="Product{T}"/>): it is called once per batch, so tiered compilation
    /// would run its long loops in unoptimised code for the first dozens of batches (measured: 2x slower).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    /// <param name="gram">
    /// When given, updates that follow a sparse one take their scores from the Gram matrix (O(N·|support|) per
    /// query) instead of a GEMM; the result is the same up to rounding.
    /// </param>
    internal static RecallResult<T> RunPrepared<T>(T[] postMemories, int n, ReadOnlySpan<T> queries, int d, RecallOptions options,
        RecallWorkspace<T> workspace, PatternGram<T>? gram)
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
        var p = new T[b * n]; // the weights of each query's last update
        var steps = new int[b];
        // The queries still running, compacted to the front of the work buffers: a stopped query costs nothing.
        var running = new int[b];
        for (int r = 0; r < b; r++) running[r] = r;
        int m = b;
        workspace.Ensure(b, n, d);
        T[] workQ = workspace.Queries, scores = workspace.Scores, workP = workspace.Weights, nextQ = workspace.NextQueries;
        T beta = T.CreateTruncating(options.Beta);
        // Per query, post(z) = scale·(z − offset) of the last update (for the Gram path's scores).
        T[] scale = gram is null ? [] : new T[b], offset = gram is null ? [] : new T[b];
        bool lastSparse = false;

        for (int step = 1; step <= options.MaxSteps && m > 0; step++)
        {
            if (gram is not null && lastSparse)
            {
                for (int w = 0; w < m; w++)
                {
                    int r = running[w];
                    gram.Scores(p.AsSpan(r * n, n), beta, scale[r], offset[r], scores.AsSpan(w * n, n));
                }
            }
            else
            {
                T[] current = q;
                if (m < b)
                {
                    for (int w = 0; w < m; w++) q.AsSpan(running[w] * d, d).CopyTo(workQ.AsSpan(w * d, d));
                    current = workQ;
                }
                Blas.Gemm<T>(false, true, m, n, d, beta, current, postMemories, T.Zero, scores);
            }
            var rowMaps = workspace.RowMap(m, n, options.Map);
            rowMaps.Forward(scores, workP);
            lastSparse = Product(workP, postMemories, nextQ, m, n, d, rowMaps);
            if (gram is not null)
                for (int w = 0; w < m; w++)
                    (scale[running[w]], offset[running[w]]) = PostTransformKernel.AffineForm<T>(options.Post, nextQ.AsSpan(w * d, d));
            PostTransformKernel.ApplyRows<T>(options.Post, nextQ.AsSpan(0, m * d), d);
            int kept = 0;
            for (int w = 0; w < m; w++)
            {
                int r = running[w];
                steps[r] = step;
                nextQ.AsSpan(w * d, d).CopyTo(q.AsSpan(r * d, d));
                var pw = workP.AsSpan(w * n, n);
                var pr = p.AsSpan(r * n, n);
                bool stable = options.StopWhenStable && step > 1 && pw.SequenceEqual(pr);
                pw.CopyTo(pr);
                if (!stable) running[kept++] = r;
            }
            m = kept;
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

    /// <summary>Q = P X: support-row accumulation for a sparse batch (returns true), one GEMM otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Product<T>(T[] p, T[] memories, T[] result, int b, int n, int d, ParallelRowMap rowMaps)
        where T : IFloatingPointIeee754<T>
    {
        if (rowMaps.TotalSupport > SparseProductDensity * b * n)
        {
            Blas.Gemm<T>(false, false, b, d, n, T.One, p, memories, T.Zero, result);
            return false;
        }
        ParallelRowMap.ForChunks(b, (long)d * rowMaps.TotalSupport / b, (start, count) =>
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
        return true;
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
