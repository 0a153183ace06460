namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// The inverse of the bordered Gram matrix K = [[0, 1ᵀ], [1, G]] of an active set (G_ij = ⟨a_i, a_j⟩),
/// kept current in O(m²) per insertion (bordering with the Schur complement) and removal (downdate), as in
/// AD3's GenericFactor (docs/ALGORITHMS.md §7.2). Solving K[τ; z] = [1; θ_A] gives the equality-constrained
/// weights z and the multiplier τ; the lower-right m×m block Q is the weight Jacobian dw/dθ_A.
/// Stored row-major with a stride that grows by doubling, so updates happen in place.
/// </summary>
internal sealed class BorderedGramInverse
{
    private double[] _inverse = new double[16];
    private int _stride = 4;
    private int _size; // m + 1
    private double[] _border = new double[4];

    /// <summary>m, the number of active structures.</summary>
    public int Count => _size - 1;

    /// <summary>
    /// K⁻¹r from the last <see cref="TryAppend"/> (length m + 1 at that time). When the append was refused as
    /// singular, [K⁻¹r; −1] spans the null space of the enlarged K (the zero-eigenvalue vector of the padded
    /// Gram): its entries 1..m are the affine coefficients that express the new a_s through the active ones.
    /// </summary>
    public ReadOnlySpan<double> LastBorderSolution => _border.AsSpan(0, _lastBorderLength);

    private int _lastBorderLength;

    /// <summary>Starts over with one structure: K⁻¹ = [[−G_11, 1], [1, 0]].</summary>
    public void Reset(double selfOverlap)
    {
        _size = 2;
        At(0, 0) = -selfOverlap;
        At(0, 1) = 1;
        At(1, 0) = 1;
        At(1, 1) = 0;
    }

    /// <summary>
    /// Appends a structure with ⟨a_j, a_new⟩ = <paramref name="overlaps"/>[j] and ⟨a_new, a_new⟩ =
    /// <paramref name="selfOverlap"/>. Returns false, leaving the inverse unchanged, when the Schur complement
    /// σ = G_ss − rᵀK⁻¹r (r = [1; overlaps]) has |σ| &lt; <paramref name="singularTolerance"/>: then a_new is an
    /// affine combination of the active ones and K would become singular.
    /// </summary>
    public bool TryAppend(ReadOnlySpan<double> overlaps, double selfOverlap, double singularTolerance)
    {
        int size = _size;
        if (overlaps.Length != size - 1) throw new ArgumentException($"expected {size - 1} overlaps, got {overlaps.Length}", nameof(overlaps));
        if (_border.Length < size) _border = new double[2 * size];
        var e = _border.AsSpan(0, size);
        _lastBorderLength = size;
        // σ = G_ss − rᵀK⁻¹r over the upper triangle, skipping zero overlaps, and e = K⁻¹r accumulated row by
        // row: the reference's operation order. At the optimum the oracle's scores are tied in exact
        // arithmetic and rounding noise picks the structure (§7.2.4); the same order gives the same noise,
        // hence the reference's decompositions.
        double sigma = selfOverlap;
        for (int i = 0; i < size; i++)
        {
            double ri = R(overlaps, i);
            if (ri == 0) continue;
            sigma -= ri * ri * At(i, i);
            for (int j = i + 1; j < size; j++)
            {
                double rj = R(overlaps, j);
                if (rj == 0) continue;
                sigma -= 2 * ri * rj * At(i, j);
            }
        }
        e.Clear();
        for (int i = 0; i < size; i++)
        {
            double ri = R(overlaps, i);
            if (ri == 0) continue;
            for (int j = 0; j < size; j++) e[j] += At(i, j) * ri;
        }
        if (Math.Abs(sigma) < singularTolerance) return false;

        EnsureCapacity(size + 1);
        double inverseSigma = 1 / sigma;
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < size; j++) At(i, j) += inverseSigma * e[i] * e[j];
            At(i, size) = -inverseSigma * e[i];
            At(size, i) = -inverseSigma * e[i];
        }
        At(size, size) = inverseSigma;
        _size = size + 1;
        return true;
    }

    /// <summary>
    /// Removes active structure <paramref name="index"/> (0-based): K⁻¹ minus the pivot's rank-one part,
    /// B_ij − B_iq B_qj / B_qq, evaluated in the reference's order (see <see cref="TryAppend"/>).
    /// </summary>
    public void Remove(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"must be in [0, {Count})");
        int q = index + 1, size = _size;
        double pivot = At(q, q);
        double inversePivot = 1 / pivot;
        if (_border.Length < size) _border = new double[2 * size];
        var d = _border.AsSpan(0, size);
        for (int i = 0; i < size; i++) d[i] = -inversePivot * At(q, i);
        _lastBorderLength = 0;
        // Update and compact in one row-major pass: every destination precedes (or is) its source.
        for (int i = 0, di = 0; i < size; i++)
        {
            if (i == q) continue;
            for (int j = 0, dj = 0; j < size; j++)
            {
                if (j == q) continue;
                At(di, dj++) = At(i, j) - pivot * d[i] * d[j];
            }
            di++;
        }
        _size = size - 1;
    }

    /// <summary>Solves K[τ; z] = [1; θ_A]: writes z (length m) and returns τ.</summary>
    public double Solve(ReadOnlySpan<double> theta, Span<double> weights)
    {
        int size = _size;
        double tau = 0;
        for (int i = 0; i < size; i++)
        {
            double sum = At(i, 0);
            for (int j = 1; j < size; j++) sum += At(i, j) * theta[j - 1];
            if (i == 0) tau = sum;
            else weights[i - 1] = sum;
        }
        return tau;
    }

    /// <summary>A copy of Q, the lower-right m×m block (row-major).</summary>
    public double[] CopyQ()
    {
        int m = Count;
        var q = new double[m * m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
                q[i * m + j] = At(i + 1, j + 1);
        return q;
    }

    private ref double At(int i, int j) => ref _inverse[i * _stride + j];

    /// <summary>Entry i of r = [1; overlaps].</summary>
    private static double R(ReadOnlySpan<double> overlaps, int i) => i == 0 ? 1.0 : overlaps[i - 1];

    private void EnsureCapacity(int size)
    {
        if (size <= _stride) return;
        int stride = Math.Max(2 * _stride, size);
        var grown = new double[stride * stride];
        for (int i = 0; i < _size; i++)
            Array.Copy(_inverse, i * _stride, grown, i * stride, _size);
        _inverse = grown;
        _stride = stride;
    }
}
