using System.Numerics;
using System.Numerics.Tensors;

namespace AgentLab.Sparse;

/// <summary>
/// α-normmax (Santos et al. 2024): p = argmax_{p∈Δ} ⟨p,s⟩ − ‖p‖_α, s = scores / T, by bisection
/// (docs/ALGORITHMS.md §5.2): q_i = [s_i − τ]₊^(1/(α−1)) with Σq^α = 1, p = q/Σq. Not scale-free:
/// large T gives uniform, small T argmax; large α (e.g. 1000) needs double. −∞ scores are masks.
/// </summary>
public static class NormmaxBisect
{
    /// <summary>Bisection iterations (float stops early once halving no longer moves τ, with the same result).</summary>
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
    /// Single-row forward pass; returns τ in s-units derived from the returned p at its largest entry
    /// (τ = s_max − (p_max/‖p‖_α)^(α−1)) and the support size.
    /// </summary>
    public static RowThreshold<T> Forward<T>(ReadOnlySpan<T> scores, Span<T> probs, T alpha, T temperature,
        int iterations = DefaultIterations)
        where T : IFloatingPointIeee754<T>
    {
        var supports = new RowSupports(1, scores.Length);
        Forward(scores, probs, 1, scores.Length, alpha, temperature, supports, iterations);
        T sMax = TensorPrimitives.Max(scores) / temperature;
        T norm = AlphaNorm(probs, supports[0], new Power<T>(alpha), alpha);
        T tau = sMax - T.Pow(TensorPrimitives.Max<T>(probs) / norm, alpha - T.One);
        return new RowThreshold<T>(tau, supports.Count(0));
    }

    /// <summary>
    /// VJP w.r.t. the raw scores. With b = p^(2−α) on the support and c = ‖p‖_α^(α−1)/(α−1):
    /// dx = c[b⊙dy − ⟨b,dy⟩p − ⟨p,dy⟩b + (Σb)⟨p,dy⟩p]/T. Costs O(|S|) per row plus clearing dx.
    /// </summary>
    /// <param name="supports">The supports from the forward pass; when null they are derived from p &gt; 0.</param>
    public static void Backward<T>(ReadOnlySpan<T> probs, ReadOnlySpan<T> dy, Span<T> dx, int rows, int cols, T alpha, T temperature,
        RowSupports? supports = null)
        where T : IFloatingPointIeee754<T>
    {
        InputChecks.Batch(rows, cols, probs.Length, nameof(probs));
        InputChecks.Batch(rows, cols, dy.Length, nameof(dy));
        InputChecks.Batch(rows, cols, dx.Length, nameof(dx));
        InputChecks.Alpha(alpha);
        supports?.RequireShape(rows, cols, nameof(supports));
        T inverseTemperature = InputChecks.InverseTemperature(temperature);
        var powerB = new Power<T>(T.CreateTruncating(2) - alpha);
        var powerAlpha = new Power<T>(alpha);
        int[] scratch = supports is null ? new int[cols] : [];
        for (int r = 0; r < rows; r++)
        {
            var p = probs.Slice(r * cols, cols);
            var support = ShiftedScores.SupportOf(p, supports, r, scratch);
            BackwardRow(p, support, dy.Slice(r * cols, cols), dx.Slice(r * cols, cols), alpha, powerB, powerAlpha, inverseTemperature);
        }
    }

    /// <summary>Single-row VJP.</summary>
    public static void Backward<T>(ReadOnlySpan<T> probs, ReadOnlySpan<T> dy, Span<T> dx, T alpha, T temperature)
        where T : IFloatingPointIeee754<T>
        => Backward(probs, dy, dx, 1, probs.Length, alpha, temperature);

    private static void BackwardRow<T>(ReadOnlySpan<T> p, ReadOnlySpan<int> support, ReadOnlySpan<T> dy, Span<T> dx, T alpha,
        Power<T> powerB, Power<T> powerAlpha, T inverseTemperature)
        where T : IFloatingPointIeee754<T>
    {
        dx.Clear();
        if (support.Length == 0) return;
        T sumB = T.Zero, bg = T.Zero, pg = T.Zero;
        foreach (int i in support)
        {
            T b = powerB.Of(p[i]);
            sumB += b;
            bg += b * dy[i];
            pg += p[i] * dy[i];
            dx[i] = b; // kept for the pass below
        }
        T am1 = alpha - T.One;
        T c = T.Pow(AlphaNorm(p, support, powerAlpha, alpha), am1) / am1 * inverseTemperature;
        foreach (int i in support)
        {
            T b = dx[i];
            dx[i] = c * (b * dy[i] - bg * p[i] - pg * b + sumB * pg * p[i]);
        }
    }

    /// <summary>‖p‖_α over the support.</summary>
    private static T AlphaNorm<T>(ReadOnlySpan<T> p, ReadOnlySpan<int> support, Power<T> powerAlpha, T alpha)
        where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (int i in support) sum += powerAlpha.Of(p[i]);
        return T.Pow(sum, T.One / alpha);
    }

    /// <summary>
    /// Normmax loss (Fenchel–Young, H = 1 − ‖p‖_α): L = 1 − ‖p*‖_α + ⟨p* − e_y, s⟩ for class-index targets;
    /// grad = (p* − onehot(y))/T; exactly 0 once p* is the target vertex.
    /// </summary>
    public static void Loss<T>(ReadOnlySpan<T> scores, ReadOnlySpan<int> targets, Span<T> losses, Span<T> grad, int rows, int cols,
        T alpha, T temperature, int iterations = DefaultIterations)
        where T : IFloatingPointIeee754<T>
    {
        FenchelYoung.CheckTargets(targets, rows, cols);
        Forward(scores, grad, rows, cols, alpha, temperature, null, iterations);
        FenchelYoung.FinishRows(scores, targets, ReadOnlySpan<T>.Empty, losses, grad, rows, cols, temperature, new Entropy<T>(alpha));
    }

    /// <summary>Normmax loss for target distributions q [rows x cols]: grad = (p* − q)/T.</summary>
    public static void Loss<T>(ReadOnlySpan<T> scores, ReadOnlySpan<T> targetProbs, Span<T> losses, Span<T> grad, int rows, int cols,
        T alpha, T temperature, int iterations = DefaultIterations)
        where T : IFloatingPointIeee754<T>
    {
        FenchelYoung.CheckTargets(targetProbs, rows, cols);
        Forward(scores, grad, rows, cols, alpha, temperature, null, iterations);
        FenchelYoung.FinishRows(scores, ReadOnlySpan<int>.Empty, targetProbs, losses, grad, rows, cols, temperature,
            new Entropy<T>(alpha));
    }

    /// <summary>Single-row normmax loss for class <paramref name="target"/>.</summary>
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
        // Root of Σq^α = 1 with q = [s − τ]₊^(1/(α−1)), i.e. Σ[s − τ]₊^(α/(α−1)) = 1.
        return new BisectionMap.Spec<T>(T.One, am1, new Power<T>(alpha / am1), new Power<T>(T.One / am1));
    }

    private readonly struct Entropy<T>(T alpha) : IEntropy<T> where T : IFloatingPointIeee754<T>
    {
        private readonly Power<T> _power = new(alpha);

        public T Of(ReadOnlySpan<T> p)
        {
            T sum = T.Zero;
            foreach (T v in p)
                if (v > T.Zero) sum += _power.Of(v);
            return T.One - T.Pow(sum, T.One / alpha);
        }
    }
}
