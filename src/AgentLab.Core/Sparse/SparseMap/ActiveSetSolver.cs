namespace AgentLab.Sparse.SparseMap;

/// <summary>
/// SparseMAP by the active-set method (AD3 `GenericFactor::SolveQP`, docs/ALGORITHMS.md §7.2):
/// μ* = argmax_{μ ∈ conv{a_s}} ⟨η, μ⟩ − ½‖μ_u‖², i.e. max_{p ∈ Δ(𝒮)} θᵀp − ½‖Ap‖², returned as a sparse
/// distribution over structures. Needs only the structure's MAP oracle; each pass costs O(m²) plus at most
/// one oracle call, m ≤ U + 1.
/// Everything is in double: the bordered Gram inverse is updated by rank-one steps for hundreds of
/// iterations with integer Gram entries up to n, and the 1e-9 convergence and singularity thresholds
/// (the reference's) are meaningless at float's 1e-7 resolution. The problems are small, so double costs
/// nothing that matters.
/// </summary>
public static class ActiveSetSolver
{
    public static SparseMapSolution Solve(IStructure structure, ReadOnlySpan<double> unaryScores, ReadOnlySpan<double> additionalScores,
        ActiveSetOptions? options = null)
    {
        options ??= ActiveSetOptions.Default;
        options.Validate();
        structure.CheckScores(unaryScores, additionalScores);
        return new Run(structure, unaryScores, additionalScores, options).Execute();
    }

    /// <summary>The mutable state of one solve: active set A, its scores θ_A, weights w and K⁻¹.</summary>
    private ref struct Run
    {
        private readonly IStructure _structure;
        private readonly ReadOnlySpan<double> _unary;
        private readonly ReadOnlySpan<double> _additional;
        private readonly ActiveSetOptions _options;
        private readonly List<BitConfiguration> _active = [];
        private readonly List<double> _theta = [];
        private readonly List<double> _weights = [];
        private readonly BorderedGramInverse _inverse = new();
        private double[] _candidate = new double[8];
        private int _swaps;
        private readonly double[] _marginals;
        private readonly double[] _residualScores;

        public Run(IStructure structure, ReadOnlySpan<double> unary, ReadOnlySpan<double> additional, ActiveSetOptions options)
        {
            _structure = structure;
            _unary = unary;
            _additional = additional;
            _options = options;
            _marginals = new double[structure.UnaryCount];
            _residualScores = new double[structure.UnaryCount];
        }

        public SparseMapSolution Execute()
        {
            // 1. Start from the MAP structure with weight 1.
            var first = _structure.Map(_unary, _additional);
            _active.Add(first);
            _theta.Add(_structure.Score(first, _unary, _additional));
            _weights.Add(1);
            _inverse.Reset(_structure.UnaryOverlap(first, first));

            bool changed = true;
            double tau = 0;
            int iterations = 0;
            var termination = ActiveSetTermination.MaxIterations;
            while (iterations < _options.MaxIterations)
            {
                iterations++;
                if (changed)
                {
                    tau = SolveOnActiveSet();
                    changed = RatioTest();
                    continue;
                }
                // 2b. w is optimal on A: ask the oracle for the most violated structure.
                UnaryMarginals(_marginals);
                for (int i = 0; i < _residualScores.Length; i++) _residualScores[i] = _unary[i] - _marginals[i];
                var best = _structure.Map(_residualScores, _additional);
                double value = _structure.Score(best, _residualScores, _additional);
                if (value <= tau + _options.ConvergenceTolerance)
                {
                    termination = ActiveSetTermination.Converged;
                    break;
                }
                if (_active.Contains(best))
                {
                    termination = ActiveSetTermination.RepeatedStructure;
                    break;
                }
                if (!Insert(best))
                {
                    termination = ActiveSetTermination.UnresolvedDegeneracy;
                    break;
                }
                changed = true;
            }
            return Finish(tau, iterations, termination);
        }

        /// <summary>z, τ from K[τ; z] = [1; θ_A]; z is left in _candidate.</summary>
        private double SolveOnActiveSet()
        {
            if (_candidate.Length < _active.Count) _candidate = new double[2 * _active.Count];
            return _inverse.Solve(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_theta), _candidate.AsSpan(0, _active.Count));
        }

        /// <summary>
        /// 2a. Move from w towards z. If no z_i is negative, w ← z and the active set is optimal (returns false,
        /// "unchanged"). Otherwise step to the first blocking bound, α = min w_i/(w_i − z_i) over z_i &lt; w_i
        /// (first index wins ties), and drop that structure (returns true).
        /// </summary>
        private bool RatioTest()
        {
            int m = _active.Count;
            var z = _candidate.AsSpan(0, m);
            int blocking = -1;
            bool anyNegative = false;
            double alpha = 0;
            for (int i = 0; i < m; i++)
            {
                if (!(z[i] < _weights[i])) continue;
                if (z[i] < 0) anyNegative = true;
                double fraction = _weights[i] / (_weights[i] - z[i]);
                if (blocking < 0 || fraction < alpha)
                {
                    alpha = fraction;
                    blocking = i;
                }
            }
            if (!anyNegative)
            {
                for (int i = 0; i < m; i++) _weights[i] = z[i];
                return false;
            }
            alpha = Math.Min(alpha, 1);
            for (int i = 0; i < m; i++) _weights[i] = Math.Max(0, (1 - alpha) * _weights[i] + alpha * z[i]);
            RemoveAt(blocking);
            return true;
        }

        /// <summary>
        /// Appends s* with weight 0, bordering K⁻¹. If a_s* is an affine combination of the active a_j (|σ| below
        /// tolerance), the null vector c of the enlarged bordered Gram — [K⁻¹r; −1], which is what an
        /// eigen-decomposition would return for the zero eigenvalue, up to scale — names the structures
        /// that can be swapped out: the first active one with a nonzero entry leaves (the reference's rule).
        /// Its weight is moved along c onto s*, which keeps μ: a_s* = Σ c_j a_j with Σ c_j = 1.
        /// </summary>
        private bool Insert(BitConfiguration added)
        {
            int m = _active.Count;
            Span<double> overlaps = m <= 256 ? stackalloc double[m] : new double[m];
            for (int j = 0; j < m; j++) overlaps[j] = _structure.UnaryOverlap(_active[j], added);
            double self = _structure.UnaryOverlap(added, added);
            double addedWeight = 0;
            if (!_inverse.TryAppend(overlaps, self, _options.SingularTolerance))
            {
                var border = _inverse.LastBorderSolution; // [e_0; c_1..c_m] with the null vector [border; −1]
                double norm = 1; // the −1 entry
                foreach (double v in border) norm += v * v;
                norm = Math.Sqrt(norm);
                int leaving = -1;
                for (int j = 0; j < m; j++)
                {
                    if (Math.Abs(border[j + 1]) / norm > _options.NullComponentTolerance)
                    {
                        leaving = j;
                        break;
                    }
                }
                if (leaving < 0) return false;
                _swaps++;
                double shift = _weights[leaving] / border[leaving + 1];
                for (int j = 0; j < m; j++) _weights[j] -= shift * border[j + 1];
                _weights[leaving] = 0;
                addedWeight = shift;
                RenormalizeAfterSwap(ref addedWeight);
                RemoveAt(leaving);
                m--;
                for (int j = leaving; j < m; j++) overlaps[j] = overlaps[j + 1];
                if (!_inverse.TryAppend(overlaps[..m], self, _options.SingularTolerance)) return false;
            }
            _active.Add(added);
            _theta.Add(_structure.Score(added, _unary, _additional));
            _weights.Add(addedWeight);
            return true;
        }

        /// <summary>
        /// The swap keeps Σw = 1 and μ exactly, but with the pinned leaving rule (rather than a ratio test) some
        /// weights can turn negative; clip them and renormalise so the next ratio test starts from a point
        /// of the simplex, which is all the method needs.
        /// </summary>
        private void RenormalizeAfterSwap(ref double addedWeight)
        {
            addedWeight = Math.Max(0, addedWeight);
            double total = addedWeight;
            for (int j = 0; j < _weights.Count; j++)
            {
                _weights[j] = Math.Max(0, _weights[j]);
                total += _weights[j];
            }
            if (!(total > 0)) return;
            for (int j = 0; j < _weights.Count; j++) _weights[j] /= total;
            addedWeight /= total;
        }

        private void RemoveAt(int index)
        {
            _inverse.Remove(index);
            _active.RemoveAt(index);
            _theta.RemoveAt(index);
            _weights.RemoveAt(index);
        }

        private readonly void UnaryMarginals(Span<double> marginals)
        {
            marginals.Clear();
            for (int j = 0; j < _active.Count; j++) _structure.AddUnary(_active[j], _weights[j], marginals);
        }

        private readonly SparseMapSolution Finish(double tau, int iterations, ActiveSetTermination termination)
        {
            var active = _active.ToArray();
            var weights = _weights.ToArray();
            var unary = new double[_structure.UnaryCount];
            var additional = new double[_structure.AdditionalCount];
            _structure.Marginals(active, weights, unary, additional);
            return new SparseMapSolution
            {
                ActiveSet = active,
                Weights = weights,
                UnaryMarginals = unary,
                AdditionalMarginals = additional,
                Tau = tau,
                Iterations = iterations,
                Termination = termination,
                Swaps = _swaps,
                Backward = new ActiveSetBackward(_structure, active, _inverse.CopyQ()),
            };
        }
    }
}
