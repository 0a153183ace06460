using System.CommandLine;
using AgentLab.Games.BitVectorVae;
using AgentLab.Games.Referential;
using AgentLab.Games.Scenarios;
using AgentLab.Telemetry.Reports;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Cli;

/// <summary>
/// `agentlab compare SCENARIO --methods a,b --seeds N [--steps N] [--out DIR]`: every method on every seed
/// (seeds scenario.seed, +1, ...), all scored on the same fixed test games, then the comparison table,
/// CSV, JSON and HTML report. A run that already has its summary is reused, so an interrupted comparison
/// continues where it stopped. With --jobs N the runs still to train are trained N at a time, each in its own
/// `agentlab run` process (<see cref="RunProcesses"/>).
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario YAML file." };
        var methods = new Option<string>("--methods") { Description = "Comma-separated methods: " + string.Join(", ", ReferentialMethods.Names) + "; bit-vector VAE: " + string.Join(", ", BitVectorVaeMethods.Names), Required = true };
        var seeds = new Option<int>("--seeds") { Description = "Number of seeds per method.", DefaultValueFactory = _ => 3 };
        var steps = new Option<long?>("--steps") { Description = "Training steps per run (overrides training.steps)." };
        var set = new Option<string[]>("--set") { Description = "Override a scenario key (repeatable)." };
        var output = new Option<string?>("--out") { Description = "Output directory (default runs/<scenario>/compare)." };
        var jobs = new Option<int>("--jobs")
        {
            Description = "Runs trained at the same time, each as its own `agentlab run` process with its share of the cores and its log in RUNDIR/run.log (default 1: one run at a time on every core). On 2 cores, --jobs 2 finishes a comparison sooner; see docs/PERFORMANCE.md.",
            DefaultValueFactory = _ => 1,
        };
        var reportOnly = new Option<bool>("--report-only")
        {
            Description = "Train nothing: write the table and report from the runs that have finished at this step count (the n column says how many seeds each method has) and list the others, e.g. while a long comparison is still running.",
        };
        var command = new Command("compare", "Compare methods over seeds on the same games: comparison.md/.csv/.json and report.html.")
        {
            scenario, methods, seeds, steps, set, output, jobs, reportOnly,
        };
        command.SetAction(parse => CliErrors.Guard("compare", () =>
        {
            string file = parse.GetValue(scenario)!;
            var names = parse.GetValue(methods)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            int seedCount = parse.GetValue(seeds);
            if (seedCount < 1) throw new ArgumentException($"--seeds must be at least 1, got {seedCount}");
            int jobCount = parse.GetValue(jobs);
            if (jobCount < 1) throw new ArgumentException($"--jobs must be at least 1, got {jobCount}");
            var overrides = new List<string>(parse.GetValue(set) ?? []);
            if (parse.GetValue(steps) is long n) overrides.Add($"training.steps={n}");
            // Validate every method's scenario before the first run starts.
            var planned = Plan(file, overrides, names, seedCount, out string defaultDir, out var layout).ToList();
            string dir = parse.GetValue(output) ?? defaultDir;
            bool trainNothing = parse.GetValue(reportOnly);
            var pending = new List<PendingRun>();
            var finished = new HashSet<string>();
            foreach (var (method, seed, runSteps, execute) in planned)
            {
                string runDir = Path.Combine(dir, method, $"seed-{seed}");
                var store = new RunStore(runDir);
                if (store.HasSummary && store.ReadSummary().Steps == runSteps)
                {
                    finished.Add(runDir);
                    continue;
                }
                var run = new PendingRun(method, seed, runDir, Directory.Exists(Path.Combine(runDir, "checkpoints")));
                if (jobCount == 1 && !trainNothing)
                {
                    execute(run.Directory, run.Resume);
                    finished.Add(runDir);
                }
                else pending.Add(run);
            }
            if (trainNothing)
            {
                if (finished.Count == 0) throw new ArgumentException($"--report-only: no run under {dir} has finished at this step count");
                foreach (var run in pending)
                    Console.Error.WriteLine($"agentlab compare: not finished, left out: {run.Method} seed {run.Seed} ({run.Directory})");
            }
            else if (pending.Count > 0)
            {
                RunProcesses.Execute(file, overrides, pending, jobCount);
                finished.UnionWith(pending.Select(r => r.Directory));
            }
            // In the planned order (method by method), whichever finished first.
            var runs = planned.Select(p => Path.Combine(dir, p.Method, $"seed-{p.Seed}")).Where(finished.Contains)
                .Select(runDir => new RunStore(runDir).ReadResults()).ToList();
            ComparisonReport.Write(runs, dir, layout);
            Console.WriteLine($"wrote {Path.Combine(dir, "comparison.md")}, .csv, .json and report.html");
            Console.WriteLine(File.ReadAllText(Path.Combine(dir, "comparison.md")));
            return 0;
        }));
        return command;
    }

    /// <summary>The runs of the comparison and the report's columns and plots, by the scenario's kind (referential game or bit-vector VAE).</summary>
    private static IEnumerable<(string Method, long Seed, long Steps, Func<string, bool, RunSummary> Execute)> Plan(
        string file, List<string> overrides, string[] methods, int seeds, out string defaultDir, out ComparisonFigures layout)
    {
        if (ScenarioGames.Of(ScenarioFile.Load(file, overrides)) == BitVectorVaeScenario.Kind)
        {
            var first = BitVectorVaeScenario.Parse(ScenarioFile.Load(file, overrides), methods[0]);
            defaultDir = Path.Combine("runs", $"{first.Name}-d{first.Bits}", "compare");
            layout = BitVectorVaeReport.Figures;
            return BitVectorVaeCommand.Plan(file, overrides, methods, seeds).ToList();
        }
        var scenarios = methods.Select(m => ReferentialScenario.Parse(ScenarioFile.Load(file, overrides), m)).ToArray();
        defaultDir = Path.Combine("runs", scenarios[0].Name, "compare");
        layout = ComparisonFigures.Referential;
        return scenarios.SelectMany(sc => Enumerable.Range(0, seeds).Select(k => sc with { Seed = sc.Seed + k }))
            .Select(seeded => (seeded.Method, seeded.Seed, seeded.Steps, (Func<string, bool, RunSummary>)((dir, resume) => RunCommand.Execute(seeded, dir, resume))))
            .ToList();
    }
}
