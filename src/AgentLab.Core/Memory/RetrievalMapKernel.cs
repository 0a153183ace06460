using System.Numerics;
using AgentLab.Sparse;
using AgentLab.Sparse.SparseMap;

namespace AgentLab.Memory;

/// <summary>
/// Forward and VJP of a <see cref="RetrievalMap"/> over a batch of score rows [rows x cols] at temperature 1,
/// dispatching to the Sparse kernels. The SparseMAP maps are solved in double (their solvers are double-only).
/// </summary>
internal static class RetrievalMapKernel
{
    /// <summary>
    /// Float softmax weights below 2^-100 ≈ 7.9e-31 are flushed to 0: then every product p_i·x with |x| ≥ 2^-26
    /// in the GEMM that follows stays a normal float (subnormal arithmetic is an order of magnitude slower on
    /// x86), and such weights are 23 orders of magnitude below what float can add to a sum of 1.
    /// </summary>
    private static readonly float SmallestSoftmaxWeight = MathF.ScaleB(1f, -100);

    /// <summary>Shifted scores below −69 give exp(s) &lt; 1.1e-30, which the flush would zero: they become masks before exp.</summary>
    private const float SoftmaxCutoff = 69f;

    /// <summary>
    /// p = yhat(θ) row by row; <paramref name="supports"/> receives p &gt; 0 per row. For sequential k-subsets
    /// <paramref name="sequenceBackward"/> (if given, length rows) receives each row's active-set backward.
    /// In float, softmax never produces denormals (see <see cref="FloatSoftmax{T}"/>): they make exp and the
    /// following GEMM an order of magnitude slower and carry no mass that float could add to a sum of 1.
    /// </summary>
    public static void Forward<T>(RetrievalMap map, ReadOnlySpan<T> scores, Span<T> probs, int rows, int cols, RowSupports supports,
        ActiveSetBackward?[]? sequenceBackward = null)
        where T : IFloatingPointIeee754<T>
    {
        CheckK(map, cols);
        switch (map.Kind)
        {
            case RetrievalMapKind.Softmax:
                if (typeof(T) == typeof(float)) FloatSoftmax(scores, probs, rows, cols, supports);
                else Softmax.Forward(scores, probs, rows, cols, T.One, supports);
                return;
            case RetrievalMapKind.Sparsemax:
                Sparsemax.Forward(scores, probs, rows, cols, T.One, supports);
                return;
            case RetrievalMapKind.Entmax15:
                Entmax15.Forward(scores, probs, rows, cols, T.One, supports);
                return;
            case RetrievalMapKind.Entmax:
                EntmaxBisect.Forward(scores, probs, rows, cols, T.CreateTruncating(map.Alpha), T.One, supports);
                return;
            case RetrievalMapKind.Normmax:
                NormmaxBisect.Forward(scores, probs, rows, cols, T.CreateTruncating(map.Alpha), T.One, supports);
                return;
            case RetrievalMapKind.KSubsets:
            case RetrievalMapKind.SequentialKSubsets:
                SparseMapForward(map, scores, probs, rows, cols, supports, sequenceBackward);
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(map), map.Kind, "unknown retrieval map");
        }
    }

    /// <summary>
    /// Float softmax without denormals: scores more than <see cref="SoftmaxCutoff"/> below the row max become
    /// masks (exp would be negligible, and near-subnormal), and weights below <see cref="SmallestSoftmaxWeight"/>
    /// after normalisation are flushed to 0.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // once per batch: see HopfieldRecall.RunPrepared
    private static void FloatSoftmax<T>(ReadOnlySpan<T> scores, Span<T> probs, int rows, int cols, RowSupports supports)
        where T : IFloatingPointIeee754<T>
    {
        supports.Reset(rows, cols);
        var rented = System.Buffers.ArrayPool<T>.Shared.Rent(cols);
        var clipped = rented.AsSpan(0, cols);
        T smallest = T.CreateTruncating(SmallestSoftmaxWeight), cutoff = T.CreateTruncating(SoftmaxCutoff);
        for (int r = 0; r < rows; r++)
        {
            var row = scores.Slice(r * cols, cols);
            var p = probs.Slice(r * cols, cols);
            T floor = System.Numerics.Tensors.TensorPrimitives.Max(row) - cutoff;
            for (int i = 0; i < cols; i++) clipped[i] = row[i] < floor ? T.NegativeInfinity : row[i];
            Softmax.Forward<T>(clipped, p, T.One);
            for (int i = 0; i < cols; i++)
                if (p[i] < smallest) p[i] = T.Zero;
            supports.SetCount(r, ShiftedScores.CollectPositive<T>(p, supports.RowBuffer(r)));
        }
        System.Buffers.ArrayPool<T>.Shared.Return(rented);
    }

    /// <summary>dθ = J(θ)ᵀ dp (overwrites <paramref name="dScores"/>), using the forward's outputs and supports.</summary>
    public static void Backward<T>(RetrievalMap map, ReadOnlySpan<T> probs, ReadOnlySpan<T> dProbs, Span<T> dScores, int rows, int cols,
        RowSupports supports, ActiveSetBackward?[]? sequenceBackward = null)
        where T : IFloatingPointIeee754<T>
    {
        switch (map.Kind)
        {
            case RetrievalMapKind.Softmax:
                Softmax.Backward(probs, dProbs, dScores, rows, cols, T.One);
                return;
            case RetrievalMapKind.Sparsemax:
                Sparsemax.Backward(probs, dProbs, dScores, rows, cols, T.One, supports);
                return;
            case RetrievalMapKind.Entmax15:
                Entmax15.Backward(probs, dProbs, dScores, rows, cols, T.One, supports);
                return;
            case RetrievalMapKind.Entmax:
                EntmaxBisect.Backward(probs, dProbs, dScores, rows, cols, T.CreateTruncating(map.Alpha), T.One, supports);
                return;
            case RetrievalMapKind.Normmax:
                NormmaxBisect.Backward(probs, dProbs, dScores, rows, cols, T.CreateTruncating(map.Alpha), T.One, supports);
                return;
            case RetrievalMapKind.KSubsets:
            {
                var mu = new double[cols];
                var dy = new double[cols];
                var dx = new double[cols];
                for (int r = 0; r < rows; r++)
                {
                    Widen(probs.Slice(r * cols, cols), mu);
                    Widen(dProbs.Slice(r * cols, cols), dy);
                    KSubsetMarginals.Jvp(mu, budgetBinding: true, dy, dx); // symmetric: the JVP is the VJP
                    Narrow(dx, dScores.Slice(r * cols, cols));
                }
                return;
            }
            case RetrievalMapKind.SequentialKSubsets:
            {
                if (sequenceBackward is null || sequenceBackward.Length < rows)
                    throw new InvalidOperationException("sequential k-subsets backward needs the active sets of the forward pass");
                var unaryCotangent = new double[2 * cols];
                var dUnary = new double[2 * cols];
                var pairs = new double[cols - 1];
                var dPairs = new double[cols - 1];
                for (int r = 0; r < rows; r++)
                {
                    Widen(dProbs.Slice(r * cols, cols), unaryCotangent.AsSpan(0, cols));
                    sequenceBackward[r]!.MarginalsVjp(unaryCotangent, pairs, dUnary, dPairs);
                    // Only the on-scores depend on θ (off-scores and pair scores are constants).
                    Narrow(dUnary.AsSpan(0, cols), dScores.Slice(r * cols, cols));
                }
                return;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(map), map.Kind, "unknown retrieval map");
        }
    }

    private static void SparseMapForward<T>(RetrievalMap map, ReadOnlySpan<T> scores, Span<T> probs, int rows, int cols,
        RowSupports supports, ActiveSetBackward?[]? sequenceBackward)
        where T : IFloatingPointIeee754<T>
    {
        supports.Reset(rows, cols);
        bool sequential = map.Kind == RetrievalMapKind.SequentialKSubsets;
        var theta = new double[sequential ? 2 * cols : cols]; // sequences: on-scores, then the off-scores (0)
        var mu = new double[cols];
        var pairs = new double[Math.Max(0, cols - 1)];
        Array.Fill(pairs, map.PairScore);
        for (int r = 0; r < rows; r++)
        {
            var row = scores.Slice(r * cols, cols);
            for (int i = 0; i < cols; i++)
                if (!T.IsFinite(row[i])) throw new ArgumentException($"row {r}: score {i} is {row[i]}; k-subsets needs finite scores", "scores");
            Widen(row, theta.AsSpan(0, cols));
            if (sequential)
            {
                var onScores = theta.AsSpan(0, cols);
                var structure = SequenceBudget.Exactly(cols, map.K, SequenceBudget.EmulationShift(onScores, pairs));
                var solution = ActiveSetSolver.Solve(structure, theta, pairs);
                solution.UnaryMarginals.AsSpan(0, cols).CopyTo(mu);
                if (sequenceBackward is not null) sequenceBackward[r] = solution.Backward;
            }
            else KSubsetMarginals.Exactly(theta, map.K, mu);
            var p = probs.Slice(r * cols, cols);
            Narrow(mu, p);
            supports.SetCount(r, ShiftedScores.CollectPositive<T>(p, supports.RowBuffer(r)));
        }
    }

    /// <summary>Throws unless the map's k fits <paramref name="cols"/> memories.</summary>
    public static void CheckK(RetrievalMap map, int cols)
    {
        if (map.K > cols)
            throw new ArgumentException($"{map} selects {map.K} memories, more than the {cols} stored", "k");
    }

    private static void Widen<T>(ReadOnlySpan<T> source, Span<double> target) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < source.Length; i++) target[i] = double.CreateTruncating(source[i]);
    }

    private static void Narrow<T>(ReadOnlySpan<double> source, Span<T> target) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < source.Length; i++) target[i] = T.CreateTruncating(source[i]);
    }
}
