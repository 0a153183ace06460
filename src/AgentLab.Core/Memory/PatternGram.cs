using System.Numerics;
using System.Numerics.Tensors;
using AgentLab.Numerics;

namespace AgentLab.Memory;

/// <summary>
/// G = X Xᵀ [N x N] and the row sums X1 of post-transformed patterns. After an update with sparse p the next
/// scores are X post(Xᵀp) = a(Gp − c·X1) for the post's scale a and offset c (identity 1, 0; l2 1/‖z‖, 0;
/// layer norm 1/s, mean z), i.e. O(N·|support|) per query instead of the O(N·D) of a GEMM row.
/// </summary>
internal sealed class PatternGram<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>Largest N for which a Gram matrix is kept (4096² floats = 64 MB).</summary>
    public const int MaxPatterns = 4096;

    private PatternGram(T[] values, T[] rowSums)
    {
        Values = values;
        RowSums = rowSums;
    }

    public T[] Values { get; }

    public T[] RowSums { get; }

    public static PatternGram<T> Compute(T[] patterns, int n, int d)
    {
        var values = new T[n * n];
        Blas.Gemm<T>(false, true, n, n, d, T.One, patterns, patterns, T.Zero, values);
        var rowSums = new T[n];
        for (int i = 0; i < n; i++) rowSums[i] = TensorPrimitives.Sum<T>(patterns.AsSpan(i * d, d));
        return new PatternGram<T>(values, rowSums);
    }

    /// <summary>
    /// Whether building one pays for a recall of <paramref name="queries"/> queries and
    /// <paramref name="steps"/> updates: the later updates save about B·(T−1)·N·D multiply-adds, the Gram costs N²·D.
    /// </summary>
    public static bool Pays(RetrievalMap map, int n, int queries, int steps) =>
        map.IsSparse && n <= MaxPatterns && (long)queries * (steps - 1) >= n;

    /// <summary>scores = β·a·(G p − c·X1) for one query, reading only the rows of G in the support of p.</summary>
    public void Scores(ReadOnlySpan<T> p, T beta, T scale, T offset, Span<T> scores)
    {
        int n = RowSums.Length;
        scores.Clear();
        T factor = beta * scale;
        for (int i = 0; i < n; i++)
            if (p[i] != T.Zero) TensorPrimitives.MultiplyAdd<T>(Values.AsSpan(i * n, n), p[i] * factor, scores, scores);
        if (offset != T.Zero) TensorPrimitives.MultiplyAdd<T>(RowSums, -factor * offset, scores, scores);
    }
}
