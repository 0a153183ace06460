namespace AgentLab.Numerics;

/// <summary>A linear map applied to sparse rows: the work follows the nonzeros, not the input width.</summary>
public sealed partial class Tape
{
    /// <summary>
    /// Above this many stored entries per row on average, <see cref="SparseLinear"/> scatters the rows into
    /// a dense matrix and runs GEMMs: for the receiver's [64 × 256]·[256 × 256] map, OpenBLAS's dense
    /// product is faster than strided per-entry column reads from about 5 entries a row on (measured with
    /// bench `sparse-linear`: narrow/wide time 0.43 at 2 entries, 0.87 at 4, 1.02 at 5, 1.09 at 6; docs/PERFORMANCE.md).
    /// </summary>
    public const int WideSparseRow = 5;

    /// <summary>
    /// y[r] = Σ_{k ∈ row r} values[k] · W[:, columns[k]], i.e. x · Wᵀ with W [out, in] in PyTorch's layout and
    /// x [rows, in] given by its stored entries: row r holds entries rowStart[r] .. rowStart[r + 1] − 1 of
    /// <paramref name="values"/> and <paramref name="columns"/> (entries of values past rowStart[rows] are
    /// unused and get no gradient). Backward gives d/d values only for the stored entries and d/dW only in the
    /// columns they use, so a narrow row costs O(nnz · out) both ways; rows wider than
    /// <paramref name="wideRow"/> entries on average go through the dense GEMM path instead (same result up to
    /// float rounding). The index arrays must not change before backward.
    /// </summary>
    public Var SparseLinear(Var values, int[] rowStart, int[] columns, int rows, Var weight, int wideRow = WideSparseRow)
    {
        ShapeOf.RequireRank("sparse_linear", "weight", weight.Shape, 2);
        int outDim = weight.Shape[0], inDim = weight.Shape[1];
        if (rows < 0 || rowStart.Length < rows + 1 || rowStart[0] != 0)
            throw new ShapeException($"sparse_linear: {rows} rows need {rows + 1} row starts beginning at 0, got {rowStart.Length}");
        for (int r = 0; r < rows; r++)
            if (rowStart[r + 1] < rowStart[r])
                throw new ShapeException($"sparse_linear: row {r} ends ({rowStart[r + 1]}) before it starts ({rowStart[r]})");
        int entries = rowStart[rows];
        if (values.Value.Length < entries || columns.Length < entries)
            throw new ShapeException($"sparse_linear: {entries} stored entries but {values.Value.Length} values and {columns.Length} columns");
        for (int k = 0; k < entries; k++)
            if ((uint)columns[k] >= (uint)inDim)
                throw new ArgumentOutOfRangeException(nameof(columns), $"sparse_linear: entry {k} is in column {columns[k]}, outside the {inDim} inputs of \"{weight.Name}\" {ShapeOf.Format(weight.Shape)}");

        var v = values.Value.Data; var w = weight.Value.Data;
        var yv = NewTensor([rows, outDim]);
        if (entries > (long)wideRow * rows)
        {
            var dense = NewTensor([rows, inDim], zeroed: true).Data;
            for (int r = 0; r < rows; r++)
                for (int k = rowStart[r]; k < rowStart[r + 1]; k++) dense[r * inDim + columns[k]] += v[k];
            Blas.Sgemm(false, true, rows, outDim, inDim, 1f, dense, w, 0f, yv.Data);
            var wide = Output(yv, "sparse_linear", values, weight);
            Record(wide, () =>
            {
                var dy = wide.Grad!.Data;
                if (weight.RequiresGrad) Blas.Sgemm(true, false, outDim, inDim, rows, 1f, dy, dense, 1f, GradOf(weight).Data);
                if (!values.RequiresGrad) return;
                var dDense = NewTensor([rows, inDim]).Data;
                Blas.Sgemm(false, false, rows, inDim, outDim, 1f, dy, w, 0f, dDense);
                var dv = GradOf(values).Data;
                for (int r = 0; r < rows; r++)
                    for (int k = rowStart[r]; k < rowStart[r + 1]; k++) dv[k] += dDense[r * inDim + columns[k]];
            });
            return wide;
        }

        // W is [out, in]: column c is every inDim-th float from c. With a few entries per row, reading those
        // strided floats directly beats both copying the columns out first and the dense GEMM (bench `sparse-linear`).
        // Each sum is one fused multiply-add chain in the GEMM's order (ascending inner index, from 0) and the
        // GEMM's terms for unstored entries are exact zeros, so where its kernel accumulates the same way both
        // paths give the same bits (here they did for the receiver's 256 × 256 map); elsewhere they agree to
        // float rounding.
        for (int r = 0; r < rows; r++)
        {
            var y = yv.Row(r);
            int start = rowStart[r], end = rowStart[r + 1];
            for (int o = 0; o < outDim; o++)
            {
                float acc = 0f;
                int wRow = o * inDim;
                for (int k = start; k < end; k++) acc = MathF.FusedMultiplyAdd(v[k], w[wRow + columns[k]], acc);
                y[o] = acc;
            }
        }
        var narrow = Output(yv, "sparse_linear", values, weight);
        Record(narrow, () =>
        {
            var dy = narrow.Grad!.Data;
            var dv = values.RequiresGrad ? GradOf(values).Data : null;
            var dw = weight.RequiresGrad ? GradOf(weight).Data : null;
            for (int r = 0; r < rows; r++)
            {
                int dyRow = r * outDim;
                for (int k = rowStart[r]; k < rowStart[r + 1]; k++)
                {
                    int c = columns[k];
                    float vk = v[k], dvk = 0f;
                    for (int o = 0; o < outDim; o++)
                    {
                        float g = dy[dyRow + o];
                        dvk = MathF.FusedMultiplyAdd(w[o * inDim + c], g, dvk);
                        if (dw != null) dw[o * inDim + c] = MathF.FusedMultiplyAdd(vk, g, dw[o * inDim + c]);
                    }
                    if (dv != null) dv[k] += dvk;
                }
            }
        });
        return narrow;
    }
}
