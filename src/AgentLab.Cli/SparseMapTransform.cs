using System.Text.Json;
using AgentLab.Sparse.SparseMap;

namespace AgentLab.Cli;

/// <summary>
/// <c>agentlab transform sparsemap --structure ksubsets|budget|sequence --k K [--budget-kind exact|at-most]</c>:
/// SparseMAP by the active-set solver, row by row, in double, with the score conventions of
/// docs/ALGORITHMS.md §7.4: k-subsets use the on-only encoding with η_u = z/T; the budget bit-vector and
/// the sequence use both states with η_u = [z; 0]/T, and the sequence takes "pair" (n − 1 on–on pair scores
/// per row) as η_v = pair/T; "exact" for the budget and sequence structures is the on-score-shift emulation of
/// §7.4(c) (for the budget, the sequence factor with zero pair scores). Output: "marginals" (on-marginals per variable), "active_set" (bit strings),
/// "weights", and with "dy" (a cotangent on the on-marginals) "vjp" = ∂⟨dy, μ_on⟩/∂z; the sequence adds
/// "pair_marginals" and, with "dy", "vjp_pair" = ∂⟨dy, μ_on⟩/∂pair.
/// </summary>
internal static class SparseMapTransform
{
    public static string Run(TransformOptions options, TransformInput input)
    {
        int rows = input.Z.Length, n = input.Z[0].Length, k = options.K!.Value;
        double t = options.Temperature;
        bool sequence = options.Structure == "sequence";
        if (options.Structure == "ksubsets" && k > n)
            throw new CliInputException($"--k {k} exceeds the {n} variables of a \"z\" row");
        if (options.Structure != "ksubsets" && options.BudgetKind == BudgetKind.Exactly && k > n)
            throw new CliInputException($"--k {k} exceeds the {n} variables of a \"z\" row (exactly {k} on is impossible)");
        if (input.Dy is not null) TransformCommand.RequireShape(input.Dy, "dy", rows, n);

        var solutions = new SparseMapSolution[rows];
        var marginals = new double[rows * n];
        int pairs = sequence ? n - 1 : 0;
        var pairMarginals = new double[rows * pairs];
        var vjp = new double[rows * n];
        var vjpPair = new double[rows * pairs];
        for (int r = 0; r < rows; r++)
        {
            var unary = Unary(options, input.Z[r]);
            var additional = sequence ? input.Pair![r].Select(v => v / t).ToArray() : [];
            var structure = Structure(options, n, k, unary, additional);
            // The exactly-k budget bit-vector is the sequence factor without pair scores (§7.4(c) emulation).
            if (structure.AdditionalCount > additional.Length) additional = new double[structure.AdditionalCount];
            var solution = ActiveSetSolver.Solve(structure, unary, additional);
            solutions[r] = solution;
            solution.UnaryMarginals.AsSpan(0, n).CopyTo(marginals.AsSpan(r * n, n));
            solution.AdditionalMarginals.AsSpan(0, pairs).CopyTo(pairMarginals.AsSpan(r * pairs, pairs));
            if (input.Dy is null) continue;
            // The cotangent is on the on-marginals; the off-states (both-states encoding) get zero.
            var cotangent = new double[structure.UnaryCount];
            input.Dy[r].CopyTo(cotangent, 0);
            var dUnary = new double[structure.UnaryCount];
            var dAdditional = new double[structure.AdditionalCount];
            solution.Backward.MarginalsVjp(cotangent, new double[structure.AdditionalCount], dUnary, dAdditional);
            // η_u = [z; 0]/T (or z/T), η_v = pair/T: ∂/∂z is the on-part over T.
            for (int i = 0; i < n; i++) vjp[r * n + i] = dUnary[i] / t;
            for (int i = 0; i < pairs; i++) vjpPair[r * pairs + i] = dAdditional[i] / t;
        }

        return TransformCommand.WriteJson(writer =>
        {
            JsonIo.WriteMatrix(writer, "marginals", marginals, n);
            writer.WriteStartArray("active_set");
            foreach (var solution in solutions)
            {
                writer.WriteStartArray();
                foreach (var z in solution.ActiveSet) writer.WriteStringValue(z.ToString());
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("weights");
            foreach (var solution in solutions)
            {
                writer.WriteStartArray();
                foreach (double w in solution.Weights) JsonIo.WriteDouble(writer, w);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            if (sequence) JsonIo.WriteMatrix(writer, "pair_marginals", pairMarginals, pairs);
            if (input.Dy is not null)
            {
                JsonIo.WriteMatrix(writer, "vjp", vjp, n);
                if (sequence) JsonIo.WriteMatrix(writer, "vjp_pair", vjpPair, pairs);
            }
        });
    }

    /// <summary>η_u: z/T (on-only k-subsets) or [z/T; 0] (both states, the off-score is 0).</summary>
    private static double[] Unary(TransformOptions options, double[] z)
    {
        int n = z.Length;
        var unary = new double[options.Structure == "ksubsets" ? n : 2 * n];
        for (int i = 0; i < n; i++) unary[i] = z[i] / options.Temperature;
        return unary;
    }

    private static IStructure Structure(TransformOptions options, int n, int k, double[] unary, double[] pair) => options.Structure switch
    {
        "ksubsets" => new KSubsets(n, k, options.BudgetKind),
        "budget" when options.BudgetKind == BudgetKind.AtMost => new BudgetBitVectors(n, k),
        _ => options.BudgetKind == BudgetKind.Exactly
            ? SequenceBudget.Exactly(n, k, SequenceBudget.EmulationShift(unary.AsSpan(0, n), pair))
            : new SequenceBudget(n, k),
    };
}
