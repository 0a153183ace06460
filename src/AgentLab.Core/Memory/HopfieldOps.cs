using System.Numerics.Tensors;
using AgentLab.Numerics;
using AgentLab.Sparse;
using AgentLab.Sparse.SparseMap;

namespace AgentLab.Memory;

/// <summary>
/// Differentiable Hopfield recall on a <see cref="Tape"/> (float32): the update's pieces as tape ops and
/// <see cref="HopfieldRecall(Tape, Var, Var, RecallOptions, Var?)"/>, which records every update so that
/// backward runs through all of them — to the queries, the memories and (optionally) a learned β.
/// </summary>
public static class HopfieldOps
{
    /// <summary>p = yhat(scores) over the last axis (temperature 1); backward is the map's VJP, O(|support|) for sparse maps.</summary>
    public static Var ApplyRetrievalMap(this Tape tape, Var scores, RetrievalMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        ShapeOf.RequireRank("retrieval_map", "scores", scores.Shape, 2);
        int rows = scores.Shape[0], cols = scores.Shape[1];
        var pv = tape.NewTensor(scores.Shape);
        var supports = new RowSupports(rows, cols);
        var sequence = map.Kind == RetrievalMapKind.SequentialKSubsets ? new ActiveSetBackward?[rows] : null;
        RetrievalMapKernel.Forward<float>(map, scores.Value.Data, pv.Data, rows, cols, supports, sequence);
        var p = tape.Output(pv, "retrieval_map", scores);
        tape.Record(p, () =>
        {
            if (p.Grad is null) return;
            var dx = new float[pv.Length];
            RetrievalMapKernel.Backward<float>(map, pv.Data, p.Grad!.Data, dx, rows, cols, supports, sequence);
            var g = tape.GradOf(scores).Data;
            TensorPrimitives.Add(g, dx, g);
        });
        return p;
    }

    /// <summary>The post-transformation row by row over the last axis.</summary>
    public static Var ApplyPost(this Tape tape, Var x, PostTransform post)
    {
        if (post == PostTransform.Identity) return x;
        int cols = x.Value.LastDim, rows = x.Value.RowCount;
        var yv = tape.NewTensor(x.Shape);
        x.Value.Data.CopyTo(yv.Data, 0);
        PostTransformKernel.ApplyRows<float>(post, yv.Data, cols);
        var y = tape.Output(yv, "post_" + post.ToName(), x);
        tape.Record(y, () =>
        {
            if (y.Grad is null) return; // a dangling final state
            var dx = tape.GradOf(x);
            for (int r = 0; r < rows; r++) PostTransformKernel.BackwardAdd<float>(post, x.Value.Row(r), yv.Row(r), y.Grad!.Row(r), dx.Row(r));
        });
        return y;
    }

    /// <summary>y = s·x for a learned scalar s (a one-element var), with ∂/∂s = Σ g⊙x.</summary>
    public static Var ScaleByScalar(this Tape tape, Var x, Var scalar)
    {
        if (scalar.Value.Length != 1) throw new ShapeException($"scale_by_scalar: \"{scalar.Name}\" {ShapeOf.Format(scalar.Shape)} is not a single value");
        float s = scalar.Value.Data[0];
        var yv = tape.NewTensor(x.Shape);
        TensorPrimitives.Multiply(x.Value.Data, s, yv.Data);
        var y = tape.Output(yv, "scale_by_scalar", x, scalar);
        tape.Record(y, () =>
        {
            var g = y.Grad!.Data;
            if (x.RequiresGrad) { var dx = tape.GradOf(x).Data; TensorPrimitives.MultiplyAdd(g, s, dx, dx); }
            if (scalar.RequiresGrad) tape.GradOf(scalar).Data[0] += TensorPrimitives.Dot(g, x.Value.Data);
        });
        return y;
    }

    /// <summary>
    /// Q = P X for weights P [B x N] and patterns X [N x D], reading only the rows of X in each row's support when
    /// P is sparse (one GEMM otherwise). Backward: dX_i += Σ_b P_bi dQ_b and dP_bi = dQ_b·x_i on the support only —
    /// exact for every retrieval map, whose Jacobian is zero off the support.
    /// </summary>
    public static Var SupportProduct(this Tape tape, Var weights, Var patterns)
    {
        ShapeOf.RequireRank("support_product", "weights", weights.Shape, 2);
        ShapeOf.RequireRank("support_product", "patterns", patterns.Shape, 2);
        int b = weights.Shape[0], n = weights.Shape[1], d = patterns.Shape[1];
        if (patterns.Shape[0] != n)
            throw new ShapeException($"support_product: weights {ShapeOf.Format(weights.Shape)} and patterns {ShapeOf.Format(patterns.Shape)} do not chain ({n} vs {patterns.Shape[0]})");
        var p = weights.Value.Data;
        var x = patterns.Value.Data;
        var supports = new int[b][];
        int total = 0;
        for (int r = 0; r < b; r++)
        {
            supports[r] = Enumerable.Range(0, n).Where(i => p[r * n + i] != 0).ToArray();
            total += supports[r].Length;
        }
        bool sparse = total <= global::AgentLab.Memory.HopfieldRecall.SparseProductDensity * b * n;
        var qv = tape.NewTensor([b, d], zeroed: true);
        if (!sparse) Blas.Sgemm(false, false, b, d, n, 1f, p, x, 0f, qv.Data);
        else
            for (int r = 0; r < b; r++)
                foreach (int i in supports[r])
                    TensorPrimitives.MultiplyAdd(x.AsSpan(i * d, d), p[r * n + i], qv.Row(r), qv.Row(r));
        var q = tape.Output(qv, "support_product", weights, patterns);
        tape.Record(q, () =>
        {
            if (q.Grad is null) return; // nothing consumed the states (e.g. only the weights were differentiated)
            var g = q.Grad.Data;
            for (int r = 0; r < b; r++)
            {
                var gr = g.AsSpan(r * d, d);
                foreach (int i in supports[r])
                {
                    if (weights.RequiresGrad) tape.GradOf(weights).Data[r * n + i] += TensorPrimitives.Dot(gr, x.AsSpan(i * d, d));
                    if (patterns.RequiresGrad)
                    {
                        var dx = tape.GradOf(patterns).Data.AsSpan(i * d, d);
                        TensorPrimitives.MultiplyAdd(gr, p[r * n + i], dx, dx);
                    }
                }
            }
        });
        return q;
    }

    /// <summary>
    /// Records recall of <paramref name="queries"/> [B x D] from <paramref name="memories"/> [N x D]:
    /// X' = post(X), q = post(queries), then per update p = yhat(β q X'ᵀ), q = post(p X'). Gradients flow to
    /// whichever of queries, memories and <paramref name="beta"/> require them. β is
    /// <paramref name="beta"/>'s value when given (a one-element var, e.g. a learned parameter), else options.Beta.
    /// With StopWhenStable the batch stops after the first update in which every row's p repeated.
    /// </summary>
    public static HopfieldRecallVars HopfieldRecall(this Tape tape, Var queries, Var memories, RecallOptions options, Var? beta = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ShapeOf.RequireRank("hopfield_recall", "queries", queries.Shape, 2);
        ShapeOf.RequireRank("hopfield_recall", "memories", memories.Shape, 2);
        if (queries.Shape[1] != memories.Shape[1])
            throw new ShapeException($"hopfield_recall: queries {ShapeOf.Format(queries.Shape)} and memories {ShapeOf.Format(memories.Shape)} differ in dimension");
        if (memories.Shape[0] < 1) throw new ArgumentException("the memory is empty: store a pattern before recalling", nameof(memories));
        RetrievalMapKernel.CheckK(options.Map, memories.Shape[0]);
        if (beta is not null && !(beta.Value.Length == 1 && beta.Value.Data[0] > 0))
            throw new ArgumentException($"beta \"{beta.Name}\" must be one positive value", nameof(beta));

        var x = tape.ApplyPost(memories, options.Post);
        var q = tape.ApplyPost(queries, options.Post);
        Var? p = null;
        int steps = 0;
        for (int step = 1; step <= options.MaxSteps; step++)
        {
            var raw = tape.MatMul(q, x, transB: true);
            var scores = beta is null ? tape.Scale(raw, (float)options.Beta) : tape.ScaleByScalar(raw, beta);
            var next = tape.ApplyRetrievalMap(scores, options.Map);
            q = tape.ApplyPost(tape.SupportProduct(next, x), options.Post);
            steps = step;
            bool stable = options.StopWhenStable && p is not null && next.Value.Data.AsSpan().SequenceEqual(p.Value.Data);
            p = next;
            if (stable) break;
        }
        return new HopfieldRecallVars(q, p!, steps);
    }
}
