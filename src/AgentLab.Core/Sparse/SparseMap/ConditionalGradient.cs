namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// SparseMAP by conditional gradients (lp-sparsemap `tests/fw.py`, docs/ALGORITHMS.md §7.3), kept for
/// comparison with the active-set solver: minimise f(u, v) = ½‖u‖² − ⟨η_u, u⟩ − ⟨η_v, v⟩ over
/// conv{(a_s, b_s)} starting from the MAP vertex. Each update calls the oracle once on −∇ = (η_u − u, η_v) and
/// takes the exact line-search step γ = clip(gap/‖d_u‖², 0, max step) (f is quadratic in u only).
/// Vanilla converges sublinearly; away-step and pairwise converge linearly on these polytopes.
/// </summary>
public static class ConditionalGradient
{
    /// <param name="maxIterations">
    /// Iterations counted the reference's way, the start vertex being the first: at most maxIterations − 1
    /// updates (the goldens' 40 iterations are 39 updates).
    /// </param>
    /// <param name="tolerance">Stop once the chosen direction's gap ⟨−∇, d⟩ is below this.</param>
    public static ConditionalGradientResult Solve(IStructure structure, ReadOnlySpan<double> unaryScores,
        ReadOnlySpan<double> additionalScores, ConditionalGradientVariant variant, int maxIterations = 40, double tolerance = 1e-12)
    {
        structure.CheckScores(unaryScores, additionalScores);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);

        var atoms = new List<BitConfiguration> { structure.Map(unaryScores, additionalScores) };
        var weights = new List<double> { 1.0 };
        int unaryCount = structure.UnaryCount, additionalCount = structure.AdditionalCount;
        var u = new double[unaryCount];
        var v = new double[additionalCount];
        var residual = new double[unaryCount]; // −∇_u = η_u − u; −∇_v is η_v itself
        var towards = new Direction(unaryCount, additionalCount);
        var away = new Direction(unaryCount, additionalCount);
        var pairwise = new Direction(unaryCount, additionalCount);
        structure.Marginals(atoms, weights.ToArray(), u, v);
        double gap = double.PositiveInfinity;
        int updates = 0;

        for (int iteration = 1; iteration < maxIterations; iteration++)
        {
            for (int i = 0; i < unaryCount; i++) residual[i] = unaryScores[i] - u[i];
            var forward = structure.Map(residual, additionalScores);
            // Directions are formed explicitly and gaps summed in index order, as in the reference: near the
            // optimum the oracle's choices are ties decided by rounding, so the arithmetic decides the path.
            towards.Set(structure, forward, u, v, fromVertex: false);
            double towardsGap = towards.Gap(residual, additionalScores);

            var step = new Step(StepKind.Towards, towardsGap, 1, towards);
            if (variant != ConditionalGradientVariant.Vanilla)
            {
                int worst = WorstAtom(structure, atoms, residual, additionalScores);
                double worstWeight = weights[worst];
                away.Set(structure, atoms[worst], u, v, fromVertex: true);
                if (variant == ConditionalGradientVariant.Pairwise)
                {
                    pairwise.SetSum(towards, away);
                    step = new Step(StepKind.Pairwise, pairwise.Gap(residual, additionalScores), worstWeight, pairwise, worst);
                }
                else
                {
                    double awayGap = away.Gap(residual, additionalScores);
                    // p_w/(1 − p_w) keeps p_w ≥ 0 after the (1 + γ) rescale.
                    if (towardsGap < awayGap) step = new Step(StepKind.Away, awayGap, worstWeight / (1 - worstWeight), away, worst);
                }
            }
            gap = step.Gap;
            if (gap < tolerance) break;

            double squaredNorm = step.Direction.SquaredUnaryNorm();
            double gamma = Math.Max(0, Math.Min(gap / squaredNorm, step.MaxStep));
            switch (step.Kind)
            {
                case StepKind.Towards:
                    for (int j = 0; j < weights.Count; j++) weights[j] *= 1 - gamma;
                    AddWeight(atoms, weights, forward, gamma);
                    break;
                case StepKind.Away:
                    for (int j = 0; j < weights.Count; j++) weights[j] *= 1 + gamma;
                    weights[step.Worst] -= gamma;
                    break;
                case StepKind.Pairwise:
                    weights[step.Worst] -= gamma;
                    AddWeight(atoms, weights, forward, gamma);
                    break;
            }
            for (int j = weights.Count - 1; j >= 0; j--)
            {
                if (weights[j] > 0) continue;
                atoms.RemoveAt(j);
                weights.RemoveAt(j);
            }
            structure.Marginals(atoms, weights.ToArray(), u, v);
            updates++;
        }
        return new ConditionalGradientResult(atoms.ToArray(), weights.ToArray(), u, v, updates, gap);
    }

    /// <summary>argmax_{w ∈ A} ⟨∇, (a_w, b_w)⟩ = argmin of the atom's score under −∇, the first one on ties.</summary>
    private static int WorstAtom(IStructure structure, List<BitConfiguration> atoms, double[] residual, ReadOnlySpan<double> additionalScores)
    {
        int worst = 0;
        double worstValue = double.PositiveInfinity;
        for (int j = 0; j < atoms.Count; j++)
        {
            double value = structure.Score(atoms[j], residual, additionalScores);
            if (value < worstValue)
            {
                worstValue = value;
                worst = j;
            }
        }
        return worst;
    }

    private enum StepKind
    {
        Towards,
        Away,
        Pairwise,
    }

    private readonly record struct Step(StepKind Kind, double Gap, double MaxStep, Direction Direction, int Worst = -1);

    /// <summary>A search direction d = (d_u, d_v) in the space of (u, v).</summary>
    private sealed class Direction(int unaryCount, int additionalCount)
    {
        private readonly double[] _u = new double[unaryCount];
        private readonly double[] _v = new double[additionalCount];

        /// <summary>d = vertex − current (towards the vertex) or current − vertex (away from it).</summary>
        public void Set(IStructure structure, BitConfiguration vertex, double[] u, double[] v, bool fromVertex)
        {
            Array.Clear(_u);
            Array.Clear(_v);
            structure.AddUnary(vertex, 1, _u);
            structure.AddAdditional(vertex, 1, _v);
            for (int i = 0; i < _u.Length; i++) _u[i] = fromVertex ? u[i] - _u[i] : _u[i] - u[i];
            for (int i = 0; i < _v.Length; i++) _v[i] = fromVertex ? v[i] - _v[i] : _v[i] - v[i];
        }

        /// <summary>The pairwise direction a_y − a_w, formed as (a_y − u) + (u − a_w).</summary>
        public void SetSum(Direction towards, Direction away)
        {
            for (int i = 0; i < _u.Length; i++) _u[i] = towards._u[i] + away._u[i];
            for (int i = 0; i < _v.Length; i++) _v[i] = towards._v[i] + away._v[i];
        }

        /// <summary>⟨−∇, d⟩ with −∇ = (η_u − u, η_v).</summary>
        public double Gap(double[] residual, ReadOnlySpan<double> additionalScores) => Dot(residual, _u) + Dot(additionalScores, _v);

        /// <summary>‖d_u‖², the line-search denominator (f is quadratic in u only).</summary>
        public double SquaredUnaryNorm() => Dot(_u, _u);
    }

    private static void AddWeight(List<BitConfiguration> atoms, List<double> weights, BitConfiguration atom, double amount)
    {
        int index = atoms.IndexOf(atom);
        if (index >= 0) weights[index] += amount;
        else
        {
            atoms.Add(atom);
            weights.Add(amount);
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
