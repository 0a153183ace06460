using System.Numerics;
using AgentLab.Numerics;
using AgentLab.Sparse;

namespace AgentLab.Memory;

/// <summary>
/// The Hopfield–Fenchel–Young energy of states q for the identity post-transformation, exactly as the
/// reference's <c>utils.energy</c> (HOPFIELD.md §2):
/// E(q) = −(1/β)[Ω*(θ) + Ω(u) − θ·u] − q·(Xᵀu) + ‖q‖²/2 + M²/2, θ = βXq, Ω*(θ) = θ·p − Ω(p) at p = yhat(θ),
/// u the uniform point (1/N; k/N for k-subsets, whose Xᵀu is k times the mean pattern), M = max_i ‖x_i‖.
/// The update never increases it. Ω: Shannon Σp log p (softmax), Tsallis (Σp^α − 1)/(α(α−1)) (entmax,
/// sparsemax), ‖p‖_γ − 1 (γ-normmax; the reference hard-codes γ = 2 here, which agrees for 2-normmax only),
/// ½‖μ‖² on the capped simplex (k-subsets). Not defined for sequential k-subsets.
/// </summary>
public static class HopfieldEnergy
{
    /// <summary>E(q) for each row of <paramref name="states"/> [B x D] against <paramref name="memories"/> [N x D].</summary>
    public static double[] Compute<T>(RetrievalMap map, double beta, ReadOnlySpan<T> memories, int memoryCount, ReadOnlySpan<T> states, int dimension)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(map);
        if (!map.HasEnergy) throw new ArgumentException($"the energy is not defined for {map}", nameof(map));
        if (!double.IsFinite(beta) || !(beta > 0)) throw new ArgumentException($"beta must be a positive finite number, got {beta}", nameof(beta));
        HopfieldRecall.CheckMatrix(memories, memoryCount, dimension, "memories");
        if (memoryCount < 1) throw new ArgumentException("the memory is empty", nameof(memories));
        if (states.Length == 0 || states.Length % dimension != 0)
            throw new ShapeException($"energy: {states.Length} state values are not a non-empty batch of rows of dimension {dimension}");
        HopfieldRecall.CheckFinite(states, dimension, "states");
        int n = memoryCount, d = dimension, b = states.Length / d;

        // In double whatever T is: the energy is a diagnostic, and its terms cancel to a small difference.
        var x = Widen(memories[..(n * d)]);
        var q = Widen(states);
        var theta = new double[b * n];
        Blas.Dgemm(false, true, b, n, d, beta, q, x, 0, theta);
        var p = new double[b * n];
        RetrievalMapKernel.Forward<double>(map, theta, p, b, n, new RowSupports(b, n));

        double u = map.Kind == RetrievalMapKind.KSubsets ? (double)map.K / n : 1.0 / n;
        var uniform = new double[n];
        Array.Fill(uniform, u);
        double omegaU = Regularizer(map, uniform);
        var xTu = new double[d];
        double maxSquaredNorm = 0;
        for (int i = 0; i < n; i++)
        {
            double squared = 0;
            for (int j = 0; j < d; j++)
            {
                double v = x[i * d + j];
                xTu[j] += u * v;
                squared += v * v;
            }
            maxSquaredNorm = Math.Max(maxSquaredNorm, squared);
        }

        var energy = new double[b];
        for (int r = 0; r < b; r++)
        {
            var th = theta.AsSpan(r * n, n);
            var pr = p.AsSpan(r * n, n);
            var qr = q.AsSpan(r * d, d);
            double thetaP = 0, thetaU = 0;
            for (int i = 0; i < n; i++)
            {
                thetaP += th[i] * pr[i];
                thetaU += th[i] * u;
            }
            double conjugate = thetaP - Regularizer(map, pr);
            double qXu = 0, qq = 0;
            for (int j = 0; j < d; j++)
            {
                qXu += qr[j] * xTu[j];
                qq += qr[j] * qr[j];
            }
            energy[r] = -(conjugate + omegaU - thetaU) / beta - qXu + qq / 2 + maxSquaredNorm / 2;
        }
        return energy;
    }

    /// <summary>Ω(p) of the map's regulariser.</summary>
    public static double Regularizer(RetrievalMap map, ReadOnlySpan<double> p)
    {
        switch (map.Kind)
        {
            case RetrievalMapKind.Softmax:
            {
                double sum = 0;
                foreach (double v in p)
                    if (v > 0) sum += v * Math.Log(v);
                return sum;
            }
            case RetrievalMapKind.Sparsemax:
            case RetrievalMapKind.Entmax15:
            case RetrievalMapKind.Entmax:
            {
                double a = map.Alpha, sum = 0;
                foreach (double v in p)
                    if (v > 0) sum += Math.Pow(v, a);
                return (sum - 1) / (a * (a - 1));
            }
            case RetrievalMapKind.Normmax:
            {
                double g = map.Alpha, sum = 0;
                foreach (double v in p)
                    if (v > 0) sum += Math.Pow(v, g);
                return Math.Pow(sum, 1 / g) - 1;
            }
            case RetrievalMapKind.KSubsets:
            {
                double sum = 0;
                foreach (double v in p) sum += v * v;
                return sum / 2;
            }
            default:
                throw new ArgumentException($"the energy is not defined for {map}", nameof(map));
        }
    }

    private static double[] Widen<T>(ReadOnlySpan<T> values) where T : IFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = double.CreateTruncating(values[i]);
        return result;
    }
}
