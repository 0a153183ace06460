using System.CommandLine;
using AgentLab.Games.BitVectorVae;
using AgentLab.Games.Referential;

namespace AgentLab.Cli;

/// <summary>The arguments `compare` and `sweep` share, read and checked once.</summary>
internal sealed record ComparisonSettings(string File, string[] Methods, int Seeds, int Jobs, List<string> Overrides, bool ReportOnly, string? Output);

/// <summary>The options `compare` and `sweep` share: the scenario, methods, seeds, steps, overrides, output, jobs and --report-only.</summary>
internal sealed class ComparisonOptions
{
    private readonly Argument<string> _scenario = new("scenario") { Description = "The scenario YAML file." };
    private readonly Option<string> _methods = new("--methods")
    {
        Description = "Comma-separated methods: " + string.Join(", ", ReferentialMethods.Names) + "; bit-vector VAE: " + string.Join(", ", BitVectorVaeMethods.Names),
        Required = true,
    };
    private readonly Option<int> _seeds = new("--seeds") { Description = "Number of seeds per row of the table.", DefaultValueFactory = _ => 3 };
    private readonly Option<long?> _steps = new("--steps") { Description = "Training steps per run (overrides training.steps)." };
    private readonly Option<string[]> _set = new("--set") { Description = "Override a scenario key for every run (repeatable)." };
    private readonly Option<string?> _output;
    private readonly Option<int> _jobs = new("--jobs")
    {
        Description = "Runs trained at the same time, each as its own `agentlab run` process with its share of the cores and its log in RUNDIR/run.log (default 1: one run at a time on every core). On 2 cores, --jobs 2 finishes sooner; see docs/PERFORMANCE.md.",
        DefaultValueFactory = _ => 1,
    };
    private readonly Option<bool> _reportOnly = new("--report-only")
    {
        Description = "Train nothing: write the table and report from the runs that have finished at this step count (the n column says how many seeds each row has) and list the others, e.g. while a long comparison is still running.",
    };

    public ComparisonOptions(string defaultLeaf)
        => _output = new Option<string?>("--out") { Description = $"Output directory (default runs/<scenario>/{defaultLeaf})." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(_scenario);
        foreach (Option option in new Option[] { _methods, _seeds, _steps, _set, _output, _jobs, _reportOnly }) command.Options.Add(option);
    }

    public ComparisonSettings Read(ParseResult parse)
    {
        var methods = parse.GetValue(_methods)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (methods.Length == 0) throw new ArgumentException("--methods names no method");
        int seeds = parse.GetValue(_seeds);
        if (seeds < 1) throw new ArgumentException($"--seeds must be at least 1, got {seeds}");
        int jobs = parse.GetValue(_jobs);
        if (jobs < 1) throw new ArgumentException($"--jobs must be at least 1, got {jobs}");
        var overrides = new List<string>(parse.GetValue(_set) ?? []);
        if (parse.GetValue(_steps) is long n) overrides.Add($"training.steps={n}");
        return new ComparisonSettings(parse.GetValue(_scenario)!, methods, seeds, jobs, overrides, parse.GetValue(_reportOnly), parse.GetValue(_output));
    }
}
