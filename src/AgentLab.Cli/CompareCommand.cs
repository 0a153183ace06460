using System.CommandLine;
using AgentLab.Games.Referential;
using AgentLab.Games.Scenarios;
using AgentLab.Telemetry.Reports;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Cli;

/// <summary>
/// `agentlab compare SCENARIO --methods a,b --seeds N [--steps N] [--out DIR]`: every method on every seed
/// (seeds scenario.seed, +1, ...), all scored on the same fixed test games, then the comparison table,
/// CSV, JSON and HTML report. A run that already has its summary is reused, so an interrupted comparison
/// continues where it stopped.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario YAML file." };
        var methods = new Option<string>("--methods") { Description = "Comma-separated methods: " + string.Join(", ", ReferentialMethods.Names), Required = true };
        var seeds = new Option<int>("--seeds") { Description = "Number of seeds per method.", DefaultValueFactory = _ => 3 };
        var steps = new Option<long?>("--steps") { Description = "Training steps per run (overrides training.steps)." };
        var set = new Option<string[]>("--set") { Description = "Override a scenario key (repeatable)." };
        var output = new Option<string?>("--out") { Description = "Output directory (default runs/<scenario>/compare)." };
        var command = new Command("compare", "Compare methods over seeds on the same games: comparison.md/.csv/.json and report.html.")
        {
            scenario, methods, seeds, steps, set, output,
        };
        command.SetAction(parse => CliErrors.Guard("compare", () =>
        {
            string file = parse.GetValue(scenario)!;
            var names = parse.GetValue(methods)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            int seedCount = parse.GetValue(seeds);
            if (seedCount < 1) throw new ArgumentException($"--seeds must be at least 1, got {seedCount}");
            var overrides = new List<string>(parse.GetValue(set) ?? []);
            if (parse.GetValue(steps) is long n) overrides.Add($"training.steps={n}");
            // Validate every method's scenario before the first run starts.
            var scenarios = names.Select(m => ReferentialScenario.Parse(ScenarioFile.Load(file, overrides), m)).ToArray();
            string dir = parse.GetValue(output) ?? Path.Combine("runs", scenarios[0].Name, "compare");
            var runs = new List<RunResults>();
            foreach (var sc in scenarios)
                for (int k = 0; k < seedCount; k++)
                {
                    var seeded = sc with { Seed = sc.Seed + k };
                    string runDir = Path.Combine(dir, seeded.Method, $"seed-{seeded.Seed}");
                    var store = new RunStore(runDir);
                    if (!store.HasSummary || store.ReadSummary().Steps != seeded.Steps)
                        RunCommand.Execute(seeded, runDir, resume: Directory.Exists(Path.Combine(runDir, "checkpoints")));
                    runs.Add(store.ReadResults());
                }
            ComparisonReport.Write(runs, dir);
            Console.WriteLine($"wrote {Path.Combine(dir, "comparison.md")}, .csv, .json and report.html");
            Console.WriteLine(File.ReadAllText(Path.Combine(dir, "comparison.md")));
            return 0;
        }));
        return command;
    }
}
