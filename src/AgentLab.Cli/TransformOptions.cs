using System.Globalization;
using AgentLab.Sparse.SparseMap;

namespace AgentLab.Cli;

/// <summary>The parsed command line of <c>agentlab transform</c>.</summary>
/// <param name="Structure">For sparsemap: ksubsets, budget or sequence.</param>
/// <param name="BudgetKind">For sparsemap: whether --k bounds the on count exactly or from above.</param>
internal sealed record TransformOptions(string Name, double? Alpha, int? K, double Temperature, string? Structure = null,
    BudgetKind BudgetKind = BudgetKind.AtMost)
{
    public static readonly string[] Structures = ["ksubsets", "budget", "sequence"];

    public static TransformOptions Parse(string[] args, IReadOnlyList<string> names)
    {
        string? name = null, structure = null, budgetKind = null;
        double? alpha = null, temperature = null;
        int? k = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null) throw new CliInputException($"unexpected argument \"{arg}\" (the transform is already {name})");
                name = arg;
                continue;
            }
            if (arg is not ("--alpha" or "--k" or "--temperature" or "--structure" or "--budget-kind"))
                throw new CliInputException($"unknown option {arg} (expected --alpha, --k, --temperature, --structure or --budget-kind)");
            if (i + 1 >= args.Length) throw new CliInputException($"{arg} needs a value");
            string value = args[++i];
            switch (arg)
            {
                case "--alpha":
                    if (alpha is not null) throw new CliInputException("--alpha given twice");
                    alpha = PositiveNumber(arg, value);
                    if (!(alpha > 1)) throw new CliInputException($"--alpha must be greater than 1, got {value}");
                    break;
                case "--temperature":
                    if (temperature is not null) throw new CliInputException("--temperature given twice");
                    temperature = PositiveNumber(arg, value);
                    break;
                case "--k":
                    if (k is not null) throw new CliInputException("--k given twice");
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) || parsed < 1)
                        throw new CliInputException($"--k must be a positive integer, got \"{value}\"");
                    k = parsed;
                    break;
                case "--structure":
                    if (structure is not null) throw new CliInputException("--structure given twice");
                    if (!Structures.Contains(value))
                        throw new CliInputException($"unknown structure \"{value}\" (expected one of {string.Join(", ", Structures)})");
                    structure = value;
                    break;
                case "--budget-kind":
                    if (budgetKind is not null) throw new CliInputException("--budget-kind given twice");
                    if (value is not ("exact" or "at-most"))
                        throw new CliInputException($"unknown budget kind \"{value}\" (expected exact or at-most)");
                    budgetKind = value;
                    break;
            }
        }
        string known = string.Join(", ", names);
        if (name is null) throw new CliInputException($"missing transform name (one of {known})");
        if (!names.Contains(name)) throw new CliInputException($"unknown transform \"{name}\" (expected one of {known})");
        bool needsAlpha = name is "entmax" or "normmax";
        if (needsAlpha && alpha is null) throw new CliInputException($"{name} needs --alpha");
        if (!needsAlpha && alpha is not null) throw new CliInputException($"--alpha does not apply to {name}");
        bool needsK = name is "topk-sparsemax" or "sparsemap";
        if (needsK && k is null) throw new CliInputException($"{name} needs --k");
        if (!needsK && k is not null) throw new CliInputException($"--k does not apply to {name}");
        if (name != "sparsemap")
        {
            if (structure is not null) throw new CliInputException($"--structure does not apply to {name}");
            if (budgetKind is not null) throw new CliInputException($"--budget-kind does not apply to {name}");
            return new TransformOptions(name, alpha, k, temperature ?? 1.0);
        }
        if (structure is null) throw new CliInputException($"sparsemap needs --structure (one of {string.Join(", ", Structures)})");
        // k-subsets are "exactly k" by default (docs/ALGORITHMS.md §7.4(a)); the budget and sequence factors
        // bound the on count from above unless told otherwise (their "exact" is the §7.4(c) emulation).
        var kind = (budgetKind ?? (structure == "ksubsets" ? "exact" : "at-most")) == "exact" ? BudgetKind.Exactly : BudgetKind.AtMost;
        return new TransformOptions(name, alpha, k, temperature ?? 1.0, structure, kind);
    }

    private static double PositiveNumber(string option, string value)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || !(v > 0))
            throw new CliInputException($"{option} must be a positive number, got \"{value}\"");
        return v;
    }
}
