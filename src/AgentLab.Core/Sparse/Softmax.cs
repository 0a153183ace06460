using System.Numerics;
using System.Numerics.Tensors;

namespace AgentLab.Sparse;

/// <summary>
/// Softmax p = exp(s − logsumexp(s)), s = scores / temperature (docs/ALGORITHMS.md §2): the dense baseline,
/// with log-softmax, logsumexp and the cross-entropy Fenchel–Young loss. −∞ scores are masks.
/// </summary>
public static class Softmax
{
    /// <summary>Forward pass over a batch [rows x cols].</summary>
    /// <param name="supports">
    /// Optional: receives p &gt; 0 per row (every unmasked entry unless exp underflows; costs one extra scan).
    /// </param>
    public static void Forward<T>(ReadOnlySpan<T> scores, Span<T> probs, int rows, int cols, T temperature, RowSupports? supports = null)
        where T : IFloatingPointIeee754<T>
    {
        InputChecks.Batch(rows, cols, scores.Length, nameof(scores));
        InputChecks.Batch(rows, cols, probs.Length, nameof(probs));
        T inverseTemperature = InputChecks.InverseTemperature(temperature);
        supports?.Reset(rows, cols);
        RowBlocks.Run(scores, ReadOnlySpan<T>.Empty, probs, rows, cols, (inverseTemperature, supports, cols), static (scores, _, probs, start, end, state) =>
        {
            var (inverseTemperature, supports, cols) = state;
            for (int r = start; r < end; r++)
            {
                var p = probs.Slice(r * cols, cols);
                ForwardRow(scores.Slice(r * cols, cols), p, inverseTemperature, r);
                if (supports is not null) supports.SetCount(r, ShiftedScores.CollectPositive<T>(p, supports.RowBuffer(r)));
            }
        });
    }

    /// <summary>Single-row forward pass; returns logsumexp(s) (so log p_i = s_i − the returned value).</summary>
    public static T Forward<T>(ReadOnlySpan<T> scores, Span<T> probs, T temperature) where T : IFloatingPointIeee754<T>
    {
        InputChecks.Batch(1, scores.Length, probs.Length, nameof(probs));
        return ForwardRow(scores, probs, InputChecks.InverseTemperature(temperature), 0);
    }

    /// <summary>Writes p for one row and returns logsumexp(s).</summary>
    private static T ForwardRow<T>(ReadOnlySpan<T> x, Span<T> p, T inverseTemperature, int rowIndex) where T : IFloatingPointIeee754<T>
    {
        T max = InputChecks.MaxOfScores(x, rowIndex);
        T sum = ShiftedScores.ExpShifted(x, max, inverseTemperature, p);
        TensorPrimitives.Multiply(p, T.One / sum, p);
        return max * inverseTemperature + T.Log(sum);
    }

    /// <summary>log-softmax over a batch, computed as s − logsumexp(s) (never log p, which underflows).</summary>
    public static void LogSoftmax<T>(ReadOnlySpan<T> scores, Span<T> logProbs, int rows, int cols, T temperature)
        where T : IFloatingPointIeee754<T>
    {
        InputChecks.Batch(rows, cols, scores.Length, nameof(scores));
        InputChecks.Batch(rows, cols, logProbs.Length, nameof(logProbs));
        T inverseTemperature = InputChecks.InverseTemperature(temperature);
        for (int r = 0; r < rows; r++)
        {
            var x = scores.Slice(r * cols, cols);
            var logp = logProbs.Slice(r * cols, cols);
            T max = InputChecks.MaxOfScores(x, r);
            ShiftedScores.ShiftScale(x, max, inverseTemperature, logp);
            T shiftedLse = ShiftedLogSumExp<T>(logp);
            TensorPrimitives.Subtract(logp, shiftedLse, logp);
        }
    }

    /// <summary>Single-row log-softmax.</summary>
    public static void LogSoftmax<T>(ReadOnlySpan<T> scores, Span<T> logProbs, T temperature) where T : IFloatingPointIeee754<T>
        => LogSoftmax(scores, logProbs, 1, scores.Length, temperature);

    /// <summary>logsumexp(scores / temperature) of one row, stable for any offset; −∞ entries are ignored.</summary>
    public static T LogSumExp<T>(ReadOnlySpan<T> scores, T temperature) where T : IFloatingPointIeee754<T>
    {
        InputChecks.Shape(1, scores.Length);
        T inverseTemperature = InputChecks.InverseTemperature(temperature);
        T max = InputChecks.MaxOfScores(scores, 0);
        T sum = T.Zero;
        if (scores.Length <= StackRow)
        {
            // Short rows (the receiver's 16 candidates) are the hot case: one vectorised pass in pooled scratch.
            var rented = System.Buffers.ArrayPool<T>.Shared.Rent(scores.Length);
            var shifted = rented.AsSpan(0, scores.Length);
            ShiftedScores.ShiftScale(scores, max, inverseTemperature, shifted);
            TensorPrimitives.Exp<T>(shifted, shifted);
            sum = TensorPrimitives.Sum<T>(shifted);
            System.Buffers.ArrayPool<T>.Shared.Return(rented);
        }
        else
            foreach (T v in scores) sum += T.Exp((v - max) * inverseTemperature);
        return max * inverseTemperature + T.Log(sum);
    }

    private const int StackRow = 256;

    /// <summary>logsumexp of values whose maximum is 0 (the shifted row).</summary>
    private static T ShiftedLogSumExp<T>(ReadOnlySpan<T> shifted) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (T v in shifted) sum += T.Exp(v);
        return T.Log(sum);
    }

    /// <summary>VJP w.r.t. the raw scores: dx = p⊙(dy − ⟨p,dy⟩)/T. Dense: O(cols) per row.</summary>
    public static void Backward<T>(ReadOnlySpan<T> probs, ReadOnlySpan<T> dy, Span<T> dx, int rows, int cols, T temperature)
        where T : IFloatingPointIeee754<T>
    {
        InputChecks.Batch(rows, cols, probs.Length, nameof(probs));
        InputChecks.Batch(rows, cols, dy.Length, nameof(dy));
        InputChecks.Batch(rows, cols, dx.Length, nameof(dx));
        T inverseTemperature = InputChecks.InverseTemperature(temperature);
        RowBlocks.Run(probs, dy, dx, rows, cols, (inverseTemperature, cols), static (probs, dy, dx, start, end, state) =>
        {
            var (inverseTemperature, cols) = state;
            for (int r = start; r < end; r++)
            {
                var p = probs.Slice(r * cols, cols);
                var g = dy.Slice(r * cols, cols);
                var d = dx.Slice(r * cols, cols);
                T dot = TensorPrimitives.Dot(p, g);
                // (g − dot)⊙p in one pass (TensorPrimitives' add-multiply), then 1/T when it is not 1.
                TensorPrimitives.AddMultiply(g, -dot, p, d);
                if (inverseTemperature != T.One) TensorPrimitives.Multiply(d, inverseTemperature, d);
            }
        });
    }

    /// <summary>Single-row VJP.</summary>
    public static void Backward<T>(ReadOnlySpan<T> probs, ReadOnlySpan<T> dy, Span<T> dx, T temperature) where T : IFloatingPointIeee754<T>
        => Backward(probs, dy, dx, 1, probs.Length, temperature);

    /// <summary>
    /// Cross-entropy (the softmax Fenchel–Young loss) for class-index targets: loss = logsumexp(s) − s_y,
    /// grad = (p − onehot(y))/T. A target on a masked entry gives +∞.
    /// </summary>
    public static void Loss<T>(ReadOnlySpan<T> scores, ReadOnlySpan<int> targets, Span<T> losses, Span<T> grad, int rows, int cols,
        T temperature)
        where T : IFloatingPointIeee754<T>
    {
        FenchelYoung.CheckTargets(targets, rows, cols);
        LossRows(scores, targets, ReadOnlySpan<T>.Empty, losses, grad, rows, cols, temperature);
    }

    /// <summary>
    /// Softmax Fenchel–Young loss for target distributions q: KL(q‖p) = logsumexp(s) − ⟨q,s⟩ − H(q)
    /// (cross-entropy minus the target's entropy, so it is 0 iff p = q); grad = (p − q)/T.
    /// </summary>
    public static void Loss<T>(ReadOnlySpan<T> scores, ReadOnlySpan<T> targetProbs, Span<T> losses, Span<T> grad, int rows, int cols,
        T temperature)
        where T : IFloatingPointIeee754<T>
    {
        FenchelYoung.CheckTargets(targetProbs, rows, cols);
        LossRows(scores, ReadOnlySpan<int>.Empty, targetProbs, losses, grad, rows, cols, temperature);
    }

    /// <summary>Single-row cross-entropy for class <paramref name="target"/>.</summary>
    public static T Loss<T>(ReadOnlySpan<T> scores, int target, Span<T> grad, T temperature) where T : IFloatingPointIeee754<T>
    {
        Span<T> loss = [T.Zero];
        Loss(scores, [target], loss, grad, 1, scores.Length, temperature);
        return loss[0];
    }

    private static void LossRows<T>(ReadOnlySpan<T> scores, ReadOnlySpan<int> targets, ReadOnlySpan<T> targetProbs, Span<T> losses,
        Span<T> grad, int rows, int cols, T temperature)
        where T : IFloatingPointIeee754<T>
    {
        InputChecks.Length(losses.Length, rows, nameof(losses));
        Forward(scores, grad, rows, cols, temperature);
        T inverseTemperature = T.One / temperature;
        for (int r = 0; r < rows; r++)
        {
            var x = scores.Slice(r * cols, cols);
            var g = grad.Slice(r * cols, cols);
            T max = TensorPrimitives.Max(x);
            // logsumexp of the shifted scores: its max term is exp(0) = 1, so this is ≥ 0 and exactly 0
            // when every other entry underflows (then p is the vertex and the loss is exactly 0).
            T loss = T.Zero;
            T sum = T.Zero;
            foreach (T v in x) sum += T.Exp((v - max) * inverseTemperature);
            loss += T.Log(sum);
            for (int i = 0; i < cols; i++)
            {
                T qi = targetProbs.IsEmpty ? (i == targets[r] ? T.One : T.Zero) : targetProbs[r * cols + i];
                if (qi > T.Zero)
                {
                    T s = (x[i] - max) * inverseTemperature;
                    // −⟨q, s⟩ − H(q) = Σ q (log q − s); a masked target entry makes the loss +∞.
                    loss += qi * (T.Log(qi) - s);
                }
                g[i] = (g[i] - qi) * inverseTemperature;
            }
            losses[r] = loss > T.Zero ? loss : T.Zero;
        }
    }
}
