using System.Globalization;

namespace AgentLab.Cli;

/// <summary>The parsed command line of <c>agentlab transform</c>.</summary>
internal sealed record TransformOptions(string Name, double? Alpha, int? K, double Temperature)
{
    public static TransformOptions Parse(string[] args, IReadOnlyList<string> names)
    {
        string? name = null;
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
            if (arg is not ("--alpha" or "--k" or "--temperature"))
                throw new CliInputException($"unknown option {arg} (expected --alpha, --k or --temperature)");
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
            }
        }
        string known = string.Join(", ", names);
        if (name is null) throw new CliInputException($"missing transform name (one of {known})");
        if (!names.Contains(name)) throw new CliInputException($"unknown transform \"{name}\" (expected one of {known})");
        bool needsAlpha = name is "entmax" or "normmax";
        if (needsAlpha && alpha is null) throw new CliInputException($"{name} needs --alpha");
        if (!needsAlpha && alpha is not null) throw new CliInputException($"--alpha does not apply to {name}");
        if (name == "topk-sparsemax" && k is null) throw new CliInputException("topk-sparsemax needs --k");
        if (name != "topk-sparsemax" && k is not null) throw new CliInputException($"--k does not apply to {name}");
        return new TransformOptions(name, alpha, k, temperature ?? 1.0);
    }

    private static double PositiveNumber(string option, string value)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || !(v > 0))
            throw new CliInputException($"{option} must be a positive number, got \"{value}\"");
        return v;
    }
}
