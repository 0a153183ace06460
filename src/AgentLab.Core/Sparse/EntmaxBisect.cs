using System.Numerics;
using System.Numerics.Tensors;

namespace AgentLab.Sparse;

/// <summary>
/// α-entmax for any α &gt; 1 by bisection on the threshold: p_i = [(α−1)s_i − τ]₊^(1/(α−1)), s = scores / T,
/// normalised to sum 1 (docs/ALGORITHMS.md §5.1). α → 1 approaches softmax (use <see cref="Softmax"/> below
/// α ≈ 1.001), α = 1.5 is <see cref="Entmax15"/>, α = 2 is <see cref="Sparsemax"/>. −∞ scores are masks.
/// </summary>
public static class EntmaxBisect
{
    /// <summary>
    /// Bisection iterations (the reference's default). Float stops early once halving no longer moves τ
    /// (about 24 iterations), with exactly the result the remaining iterations would give.
    /// </summary>
    public const int DefaultIterations = 50;

    /// <summary>Forward pass over a batch [rows x cols].</summary>
    /// <param name="alpha">α &gt; 1.</param>
    /// <param name="temperature">T &gt; 0; the map is applied to scores / T.</param>
    /// <param name="supports">Optional: receives each row's support (p &gt; 0).</param>
    /// <param name="iterations">Bisection iterations.</param>
    public static void Forward<T>(ReadOnlySpan<T> scores, Span<T> probs, int rows, int cols, T alpha, T temperature,
        RowSupports? supports = null, int iterations = DefaultIterations)
        where T : IFloatingPointIeee754<T>
        => BisectionMap.ForwardRows(scores, probs, rows, cols, temperature, Spec(alpha), iterations, supports);

    /// <summary>
    /// Single-row forward pass; returns τ in s-units, derived from the returned p at its largest entry
    /// (τ = (α−1)s_max − p_max^(α−1)), and the support size.
    /// </summary>
    public static RowThreshold<T> Forward<T>(ReadOnlySpan<T> scores, Span<T> probs, T alpha, T temperature,
        int iterations = DefaultIterations)
        where T : IFloatingPointIeee754<T>
    {
        var supports = new RowSupports(1, scores.Length);
        Forward(scores, probs, 1, scores.Length, alpha, temperature, supports, iterations);
        T sMax = TensorPrimitives.Max(scores) / temperature;
        T tau = (alpha - T.One) * sMax - T.Pow(TensorPrimitives.Max<T>(probs), alpha - T.One);
        return new RowThreshold<T>(tau, supports.Count(0));
    }

    /// <summary>
    /// VJP w.r.t. the raw scores: with b = p^(2−α) on the support, dx = (b⊙dy − b·⟨b,dy⟩/Σb)/T. Optionally
    /// the gradient of ⟨dy, p⟩ w.r.t. α per row (docs §5.1). Costs O(|S|) per row plus clearing dx.
    /// </summary>
    /// <param name="supports">The supports from the forward pass; when null they are derived from p &gt; 0.</param>
    /// <param name="dAlpha">Optional [rows]: receives ∂⟨dy, p⟩/∂α for each row (sum them for a shared α).</param>
    public static void Backward<T>(ReadOnlySpan<T> probs, ReadOnlySpan<T> dy, Span<T> dx, int rows, int cols, T alpha, T temperature,
        RowSupports? supports = null, Span<T> dAlpha = default)
        where T : IFloatingPointIeee754<T>
    {
        InputChecks.Batch(rows, cols, probs.Length, nameof(probs));
        InputChecks.Batch(rows, cols, dy.Length, nameof(dy));
        InputChecks.Batch(rows, cols, dx.Length, nameof(dx));
        InputChecks.Alpha(alpha);
        if (!dAlpha.IsEmpty) InputChecks.Length(dAlpha.Length, rows, nameof(dAlpha));
        supports?.RequireShape(rows, cols, nameof(supports));
        T inverseTemperature = InputChecks.InverseTemperature(temperature);
        var power = new Power<T>(T.CreateTruncating(2) - alpha);
        int[] scratch = supports is null ? new int[cols] : [];
        for (int r = 0; r < rows; r++)
        {
            var p = probs.Slice(r * cols, cols);
            var support = ShiftedScores.SupportOf(p, supports, r, scratch);
            T da = BackwardRow(p, support, dy.Slice(r * cols, cols), dx.Slice(r * cols, cols), alpha, power, inverseTemperature,
                !dAlpha.IsEmpty);
            if (!dAlpha.IsEmpty) dAlpha[r] = da;
        }
    }

    /// <summary>Single-row VJP; returns ∂⟨dy, p⟩/∂α.</summary>
    public static T Backward<T>(ReadOnlySpan<T> probs, ReadOnlySpan<T> dy, Span<T> dx, T alpha, T temperature)
        where T : IFloatingPointIeee754<T>
    {
        Span<T> dAlpha = [T.Zero];
        Backward(probs, dy, dx, 1, probs.Length, alpha, temperature, null, dAlpha);
        return dAlpha[0];
    }

    private static T BackwardRow<T>(ReadOnlySpan<T> p, ReadOnlySpan<int> support, ReadOnlySpan<T> dy, Span<T> dx, T alpha,
        Power<T> power, T inverseTemperature, bool wantAlpha)
        where T : IFloatingPointIeee754<T>
    {
        dx.Clear();
        if (support.Length == 0) return T.Zero;
        T sumB = T.Zero, sumBg = T.Zero;
        foreach (int i in support)
        {
            // p^(2−α) only on the support: for α > 2 it diverges as p → 0.
            T b = power.Of(p[i]);
            sumB += b;
            sumBg += b * dy[i];
            dx[i] = b; // kept for the two passes below
        }
        T q = sumBg / sumB;
        T dAlpha = T.Zero;
        if (wantAlpha)
        {
            // ∂⟨g,p⟩/∂α = Σ g_i[(p_i − p̃_i)/(α−1)² − (S_i − p̃_i E)/(α−1)], S_i = p_i log p_i, E = ΣS, p̃ = b/Σb.
            T entropyTerm = T.Zero;
            foreach (int i in support) entropyTerm += p[i] * T.Log(p[i]);
            T am1 = alpha - T.One;
            foreach (int i in support)
            {
                T tilde = dx[i] / sumB;
                T s = p[i] * T.Log(p[i]);
                dAlpha += dy[i] * ((p[i] - tilde) / (am1 * am1) - (s - tilde * entropyTerm) / am1);
            }
        }
        foreach (int i in support) dx[i] = dx[i] * (dy[i] - q) * inverseTemperature;
        return dAlpha;
    }

    /// <summary>
    /// α-entmax loss (Fenchel–Young, Tsallis H = (1 − Σp^α)/(α(α−1))) for class-index targets:
    /// per-row losses and grad = (p* − onehot(y))/T; exactly 0 once p* is the target vertex.
    /// </summary>
    public static void Loss<T>(ReadOnlySpan<T> scores, ReadOnlySpan<int> targets, Span<T> losses, Span<T> grad, int rows, int cols,
        T alpha, T temperature, int iterations = DefaultIterations)
        where T : IFloatingPointIeee754<T>
    {
        FenchelYoung.CheckTargets(targets, rows, cols);
        Forward(scores, grad, rows, cols, alpha, temperature, null, iterations);
        FenchelYoung.FinishRows(scores, targets, ReadOnlySpan<T>.Empty, losses, grad, rows, cols, temperature, new Entropy<T>(alpha));
    }

    /// <summary>α-entmax loss for target distributions q [rows x cols]: grad = (p* − q)/T.</summary>
    public static void Loss<T>(ReadOnlySpan<T> scores, ReadOnlySpan<T> targetProbs, Span<T> losses, Span<T> grad, int rows, int cols,
        T alpha, T temperature, int iterations = DefaultIterations)
        where T : IFloatingPointIeee754<T>
    {
        FenchelYoung.CheckTargets(targetProbs, rows, cols);
        Forward(scores, grad, rows, cols, alpha, temperature, null, iterations);
        FenchelYoung.FinishRows(scores, ReadOnlySpan<int>.Empty, targetProbs, losses, grad, rows, cols, temperature,
            new Entropy<T>(alpha));
    }

    /// <summary>Single-row α-entmax loss for class <paramref name="target"/>.</summary>
    public static T Loss<T>(ReadOnlySpan<T> scores, int target, Span<T> grad, T alpha, T temperature, int iterations = DefaultIterations)
        where T : IFloatingPointIeee754<T>
    {
        Span<T> loss = [T.Zero];
        Loss(scores, [target], loss, grad, 1, scores.Length, alpha, temperature, iterations);
        return loss[0];
    }

    private static BisectionMap.Spec<T> Spec<T>(T alpha) where T : IFloatingPointIeee754<T>
    {
        InputChecks.Alpha(alpha);
        T am1 = alpha - T.One;
        var exponent = new Power<T>(T.One / am1);
        return new BisectionMap.Spec<T>(am1, am1, exponent, exponent);
    }

    private readonly struct Entropy<T>(T alpha) : IEntropy<T> where T : IFloatingPointIeee754<T>
    {
        private readonly Power<T> _power = new(alpha);

        public T Of(ReadOnlySpan<T> p)
        {
            T sum = T.Zero;
            foreach (T v in p)
                if (v > T.Zero) sum += _power.Of(v);
            return (T.One - sum) / (alpha * (alpha - T.One));
        }
    }
}
