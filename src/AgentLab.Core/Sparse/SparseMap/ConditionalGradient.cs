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
        var u = new double[structure.UnaryCount];
        var v = new double[structure.AdditionalCount];
        var residual = new double[structure.UnaryCount]; // −∇_u = η_u − u; −∇_v = η_v
        var direction = new double[structure.UnaryCount];
        structure.Marginals(atoms, weights.ToArray(), u, v);
        double gap = double.PositiveInfinity;
        int updates = 0;

        for (int iteration = 1; iteration < maxIterations; iteration++)
        {
            for (int i = 0; i < u.Length; i++) residual[i] = unaryScores[i] - u[i];
            var forward = structure.Map(residual, additionalScores);
            double forwardValue = structure.Score(forward, residual, additionalScores);
            double currentValue = Dot(residual, u) + Dot(additionalScores, v);

            int away = 0;
            double awayValue = double.PositiveInfinity;
            for (int j = 0; j < atoms.Count; j++)
            {
                double value = structure.Score(atoms[j], residual, additionalScores);
                if (value < awayValue)
                {
                    awayValue = value;
                    away = j;
                }
            }

            var step = ChooseStep(variant, forwardValue - currentValue, currentValue - awayValue, forwardValue - awayValue, weights[away]);
            gap = step.Gap;
            if (gap < tolerance) break;

            // d_u for the chosen step: a_y − u (towards), u − a_w (away), a_y − a_w (pairwise).
            Array.Clear(direction);
            if (step.Kind == StepKind.Away) u.CopyTo(direction);
            else structure.AddUnary(forward, 1, direction);
            if (step.Kind == StepKind.Towards) for (int i = 0; i < u.Length; i++) direction[i] -= u[i];
            else structure.AddUnary(atoms[away], -1, direction);
            double squaredNorm = Dot(direction, direction);
            if (!(squaredNorm > 0)) break;
            double gamma = Math.Clamp(gap / squaredNorm, 0, step.MaxStep);

            switch (step.Kind)
            {
                case StepKind.Towards:
                    for (int j = 0; j < weights.Count; j++) weights[j] *= 1 - gamma;
                    AddWeight(atoms, weights, forward, gamma);
                    break;
                case StepKind.Away:
                    for (int j = 0; j < weights.Count; j++) weights[j] *= 1 + gamma;
                    weights[away] -= gamma;
                    break;
                case StepKind.Pairwise:
                    var leaving = atoms[away];
                    AddWeight(atoms, weights, forward, gamma);
                    weights[atoms.IndexOf(leaving)] -= gamma;
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

    private enum StepKind
    {
        Towards,
        Away,
        Pairwise,
    }

    private readonly record struct Step(StepKind Kind, double Gap, double MaxStep);

    /// <summary>
    /// The direction of each variant and its gap ⟨−∇, d⟩ and largest feasible step. Away-step goes towards the
    /// oracle's vertex when that is at least as steep as going away from the worst atom w (max step
    /// p_w/(1 − p_w) keeps p_w ≥ 0 after the (1 + γ) rescale).
    /// </summary>
    private static Step ChooseStep(ConditionalGradientVariant variant, double towardsGap, double awayGap, double pairwiseGap, double awayWeight) =>
        variant switch
        {
            ConditionalGradientVariant.Vanilla => new Step(StepKind.Towards, towardsGap, 1),
            ConditionalGradientVariant.Pairwise => new Step(StepKind.Pairwise, pairwiseGap, awayWeight),
            ConditionalGradientVariant.AwayStep => towardsGap >= awayGap
                ? new Step(StepKind.Towards, towardsGap, 1)
                : new Step(StepKind.Away, awayGap, awayWeight < 1 ? awayWeight / (1 - awayWeight) : double.PositiveInfinity),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "unknown variant"),
        };

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
