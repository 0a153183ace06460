using AgentLab.Numerics;

namespace AgentLab.Tests.Numerics;

/// <summary>
/// Tape.SparseLinear (y = x Wᵀ for x given by its stored entries) on both of its paths: forward against a
/// float64 dense oracle, d/d values and d/dW against central finite differences, and against Tape.Linear on
/// the same matrix written out densely.
/// </summary>
public class SparseLinearTests
{
    private const int Rows = 4, In = 9, Out = 5;

    // Row 0: two entries, row 1: none, row 2: one, row 3: four; two spare values past the last entry.
    private static readonly int[] RowStart = [0, 2, 2, 3, 7];
    private static readonly int[] Columns = [1, 6, 8, 0, 2, 3, 7, -1, -1];
    private const int Entries = 7, Values = 9;

    public static TheoryData<int> Paths => new() { int.MaxValue, 0 }; // per-entry products; scatter + GEMM

    [Theory, MemberData(nameof(Paths))]
    public void Forward_and_both_gradients_match_the_dense_oracle_and_finite_differences(int wideRow) =>
        GradientCheck.Run(31, [[Values], [Out, In]],
            (t, v) => t.SparseLinear(v[0], RowStart, Columns, Rows, v[1], wideRow),
            x => Oracle.MatMul(Dense(x[0]), x[1], Rows, In, Out, false, true));

    [Theory, MemberData(nameof(Paths))]
    public void Equals_linear_on_the_dense_matrix_and_gives_nothing_to_unstored_values_or_unused_columns(int wideRow)
    {
        var rand = new Random(5);
        var values = GradientCheck.RandomArray(rand, Values);
        var w = new Parameter("w", new Tensor(GradientCheck.RandomArray(rand, Out * In), Out, In));
        var cot = GradientCheck.RandomArray(rand, Rows * Out);

        var sparse = new Tape();
        var v = sparse.Input(new Tensor((float[])values.Clone(), Values));
        var y = sparse.SparseLinear(v, RowStart, Columns, Rows, w, wideRow);
        sparse.Backward(y, cot);
        var dwSparse = w.Gradient.Data.ToArray();
        w.ZeroGrad();

        var dense = new Tape();
        var x = dense.Input(new Tensor(Dense(values.Select(f => (double)f).ToArray()).Select(d => (float)d).ToArray(), Rows, In));
        var yd = dense.Linear(x, w);
        dense.Backward(yd, cot);

        // The GEMM path runs Linear's own products, so it agrees bit for bit; per-entry sums round differently.
        float tol = wideRow == 0 ? 0f : 1e-6f;
        Close(yd.Value.Data, y.Value.Data, tol, "y");
        Close(w.Gradient.Data, dwSparse, tol, "dW");
        for (int r = 0; r < Rows; r++)
            for (int k = RowStart[r]; k < RowStart[r + 1]; k++)
                Close([x.Grad!.Data[r * In + Columns[k]]], [v.Grad!.Data[k]], tol, $"d value[{k}]");
        Assert.Equal([0f, 0f], v.Grad!.Data[Entries..]);
        var used = Columns[..Entries].ToHashSet();
        for (int o = 0; o < Out; o++)
            for (int c = 0; c < In; c++)
                if (!used.Contains(c)) Assert.Equal(0f, dwSparse[o * In + c]);
    }

    [Fact]
    public void Rows_wider_than_the_threshold_take_the_gemm_path_by_default()
    {
        // Every row stores all In (> WideSparseRow) coordinates: the result is Linear's, bit for bit.
        Assert.True(In > Tape.WideSparseRow);
        var rand = new Random(8);
        var x = new Tensor(GradientCheck.RandomArray(rand, Rows * In), Rows, In);
        var w = new Parameter("w", new Tensor(GradientCheck.RandomArray(rand, Out * In), Out, In));
        var rowStart = Enumerable.Range(0, Rows + 1).Select(r => r * In).ToArray();
        var columns = Enumerable.Range(0, Rows * In).Select(k => k % In).ToArray();
        var tape = new Tape();
        var sparse = tape.SparseLinear(tape.Constant(x), rowStart, columns, Rows, w);
        Assert.Equal(tape.Linear(tape.Constant(x), w).Value.Data, sparse.Value.Data);
    }

    [Fact]
    public void Bad_indices_name_the_entry_and_the_weight()
    {
        var w = new Parameter("receiver.relaxed.weight", new Tensor(Out, In));
        var tape = new Tape();
        var values = tape.Input(new Tensor(Values));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => tape.SparseLinear(values, [0, 1], [In], 1, w));
        Assert.Contains("entry 0", e.Message);
        Assert.Contains("receiver.relaxed.weight", e.Message);
        Assert.Throws<ShapeException>(() => tape.SparseLinear(values, [0, 10], new int[10], 1, w));
        Assert.Throws<ShapeException>(() => tape.SparseLinear(values, [0, 2, 1], Columns, 2, w));
    }

    private static double[] Dense(double[] values)
    {
        var x = new double[Rows * In];
        for (int r = 0; r < Rows; r++)
            for (int k = RowStart[r]; k < RowStart[r + 1]; k++) x[r * In + Columns[k]] += values[k];
        return x;
    }

    private static void Close(float[] expected, float[] actual, float tol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol * Math.Max(1f, Math.Abs(expected[i])), $"{what}[{i}]: {expected[i]} vs {actual[i]}");
    }
}
