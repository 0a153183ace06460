using System.Numerics;

namespace AgentLab.Sparse;

/// <summary>
/// Top-k sparsemax over bit-vectors (Correia et al. 2020; docs/ALGORITHMS.md §6): for D bit scores x, take
/// the k highest-scoring configurations z_1..z_k under θ(z) = ⟨x, z⟩ (best first) and put
/// p = sparsemax(θ(z_1)/T, …, θ(z_k)/T) on them; every other configuration has probability 0.
/// k is capped at 2^D (<see cref="ConfigCount"/>); k = 1 is special-cased (p = [1], zero gradient).
/// </summary>
/// <remarks>
/// Batched layouts for rows = B, bits = D and c = ConfigCount(D, k): bitScores [B x D], configs [B x c x D]
/// (bytes 0/1, position i = bit i), configScores, probs and dy [B x c], expectedBits and dx [B x D].
/// </remarks>
public static class TopKSparsemax
{
    /// <summary>Number of configurations actually returned: min(k, 2^bits).</summary>
    public static int ConfigCount(int bits, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return bits >= 31 ? k : (int)Math.Min(k, 1L << bits);
    }

    /// <summary>Forward pass over a batch of bit-score rows.</summary>
    /// <param name="bitScores">[rows x bits], finite.</param>
    /// <param name="k">Requested number of configurations (≥ 1).</param>
    /// <param name="temperature">T &gt; 0; sparsemax is applied to θ/T (the configurations do not depend on T).</param>
    /// <param name="configs">Receives the configurations, best first [rows x c x bits].</param>
    /// <param name="configScores">Receives θ(z_j) [rows x c].</param>
    /// <param name="probs">Receives p over the configurations [rows x c].</param>
    /// <param name="expectedBits">Receives E[z] = Σ_j p_j z_j [rows x bits].</param>
    /// <param name="supports">Optional: receives the configurations with p &gt; 0 per row (a prefix, best first).</param>
    public static void Forward<T>(ReadOnlySpan<T> bitScores, int rows, int bits, int k, T temperature, Span<byte> configs,
        Span<T> configScores, Span<T> probs, Span<T> expectedBits, RowSupports? supports = null)
        where T : IFloatingPointIeee754<T>
    {
        int count = ConfigCount(bits, k);
        InputChecks.Batch(rows, bits, bitScores.Length, nameof(bitScores));
        InputChecks.Length(configs.Length, rows * count * bits, nameof(configs));
        InputChecks.Batch(rows, count, configScores.Length, nameof(configScores));
        InputChecks.Batch(rows, count, probs.Length, nameof(probs));
        InputChecks.Batch(rows, bits, expectedBits.Length, nameof(expectedBits));
        T inverseTemperature = InputChecks.InverseTemperature(temperature);
        supports?.Reset(rows, count);
        using var search = new BitVectorKBest<T>(bits, count);
        for (int r = 0; r < rows; r++)
        {
            var x = bitScores.Slice(r * bits, bits);
            InputChecks.Finite(x, r, nameof(bitScores));
            var z = configs.Slice(r * count * bits, count * bits);
            var scores = configScores.Slice(r * count, count);
            var p = probs.Slice(r * count, count);
            search.Search(x, z, scores); // scores temporarily hold the penalties

            T best = T.Zero;
            foreach (T v in x)
                if (v > T.Zero) best += v;
            // Sparsemax input in shifted units: (θ_j − θ_1)/T = −penalty_j/T, already in descending order.
            for (int j = 0; j < count; j++) p[j] = -scores[j] * inverseTemperature;
            for (int j = 0; j < count; j++) scores[j] = best - scores[j];

            int supportSize = 1;
            if (count == 1)
            {
                p[0] = T.One;
            }
            else
            {
                supportSize = Sparsemax.SupportSizeOfSorted<T>(p, out T tau);
                for (int j = 0; j < count; j++)
                {
                    T v = p[j] - tau;
                    p[j] = v > T.Zero ? v : T.Zero;
                }
                // Rounding can leave the support test and p > 0 one entry apart; p > 0 is authoritative.
                supportSize = 0;
                while (supportSize < count && p[supportSize] > T.Zero) supportSize++;
            }

            var expected = expectedBits.Slice(r * bits, bits);
            expected.Clear();
            for (int j = 0; j < supportSize; j++)
            {
                var zj = z.Slice(j * bits, bits);
                for (int i = 0; i < bits; i++)
                    if (zj[i] != 0) expected[i] += p[j];
            }

            if (supports is not null)
            {
                var slots = supports.RowBuffer(r);
                for (int j = 0; j < supportSize; j++) slots[j] = j;
                supports.SetCount(r, supportSize);
            }
        }
    }

    /// <summary>Single-row forward pass (layouts as the batched one with rows = 1).</summary>
    public static void Forward<T>(ReadOnlySpan<T> bitScores, int k, T temperature, Span<byte> configs, Span<T> configScores,
        Span<T> probs, Span<T> expectedBits)
        where T : IFloatingPointIeee754<T>
        => Forward(bitScores, 1, bitScores.Length, k, temperature, configs, configScores, probs, expectedBits);

    /// <summary>
    /// VJP w.r.t. the bit scores: the configurations are piecewise constant in x, so
    /// dx = Zᵀ J_sparsemax(θ/T) dy / T, touching only configurations with p &gt; 0.
    /// </summary>
    /// <param name="configs">The forward's configurations [rows x c x bits].</param>
    /// <param name="probs">The forward's probabilities [rows x c].</param>
    /// <param name="dy">Cotangent of probs [rows x c].</param>
    /// <param name="dx">Receives the VJP [rows x bits].</param>
    public static void Backward<T>(ReadOnlySpan<byte> configs, ReadOnlySpan<T> probs, ReadOnlySpan<T> dy, Span<T> dx, int rows, int bits,
        int k, T temperature)
        where T : IFloatingPointIeee754<T>
    {
        int count = ConfigCount(bits, k);
        InputChecks.Length(configs.Length, rows * count * bits, nameof(configs));
        InputChecks.Batch(rows, count, probs.Length, nameof(probs));
        InputChecks.Batch(rows, count, dy.Length, nameof(dy));
        InputChecks.Batch(rows, bits, dx.Length, nameof(dx));
        T inverseTemperature = InputChecks.InverseTemperature(temperature);
        for (int r = 0; r < rows; r++)
        {
            var d = dx.Slice(r * bits, bits);
            d.Clear();
            var p = probs.Slice(r * count, count);
            var g = dy.Slice(r * count, count);
            T sum = T.Zero;
            int support = 0;
            for (int j = 0; j < count; j++)
            {
                if (!(p[j] > T.Zero)) continue;
                sum += g[j];
                support++;
            }
            // A single configuration (always the case for k = 1) has zero Jacobian.
            if (support <= 1) continue;
            T mean = sum / T.CreateTruncating(support);
            for (int j = 0; j < count; j++)
            {
                if (!(p[j] > T.Zero)) continue;
                T v = (g[j] - mean) * inverseTemperature;
                var zj = configs.Slice((r * count + j) * bits, bits);
                for (int i = 0; i < bits; i++)
                    if (zj[i] != 0) d[i] += v;
            }
        }
    }

    /// <summary>Single-row VJP.</summary>
    public static void Backward<T>(ReadOnlySpan<byte> configs, ReadOnlySpan<T> probs, ReadOnlySpan<T> dy, Span<T> dx, int k, T temperature)
        where T : IFloatingPointIeee754<T>
        => Backward(configs, probs, dy, dx, 1, dx.Length, k, temperature);
}
