using System.CommandLine;
using System.Text.Json;
using AgentLab.Games.BitVectorVae;
using AgentLab.Games.Referential;
using AgentLab.Games.Scenarios;
using AgentLab.Telemetry.Metrics;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Cli;

/// <summary>
/// `agentlab run SCENARIO [--method M] [--seed S] [--steps N] [--set key=value]... [--out DIR] [--resume DIR]`.
/// The scenario's "game" key picks the runner: a referential game trains one method on one seed; a
/// hopfield-retrieval scenario runs its whole retrieval sweep (--seed limits it to one memory seed); a
/// bitvector-vae scenario trains one method of the bit-vector VAE.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario YAML file." };
        var method = new Option<string?>("--method") { Description = "Estimator/channel: " + string.Join(", ", ReferentialMethods.Names) + "; bit-vector VAE: " + string.Join(", ", BitVectorVaeMethods.Names) };
        var seed = new Option<long?>("--seed") { Description = "Run seed (training games, initialisation, samples)." };
        var steps = new Option<long?>("--steps") { Description = "Training steps (overrides training.steps)." };
        var set = new Option<string[]>("--set") { Description = "Override a scenario key: --set training.batch=32 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string?>("--out") { Description = "Run directory (default runs/<scenario>/<method>/seed-<seed>)." };
        var resume = new Option<string?>("--resume") { Description = "Resume the run in this directory from its last checkpoint." };
        var command = new Command("run", "Train one method on one seed of a referential scenario (summary.json, metrics.jsonl, checkpoints), run a hopfield-retrieval sweep (retrieval table and report.html), or train one method of a bit-vector VAE scenario.")
        {
            scenario, method, seed, steps, set, output, resume,
        };
        command.SetAction(parse => CliErrors.Guard("run", () =>
        {
            string file = parse.GetValue(scenario)!;
            var overrides = new List<string>(parse.GetValue(set) ?? []);
            string? resumeDir = parse.GetValue(resume);
            if (ScenarioGames.Of(ScenarioFile.Load(file, overrides)) == HopfieldRetrievalScenario.Game)
            {
                if (parse.GetValue(method) != null || parse.GetValue(steps) != null)
                    throw new ScenarioException($"{file}: --method and --steps apply to referential games; a hopfield-retrieval sweep sets recall.maps and recall.steps (e.g. --set recall.steps=1)");
                if (parse.GetValue(seed) is long memorySeed) overrides.Add($"memory.seeds={memorySeed}");
                var retrieval = HopfieldRetrievalScenario.Parse(ScenarioFile.Load(file, overrides));
                var result = RetrievalRun.Execute(retrieval, resumeDir ?? parse.GetValue(output) ?? RetrievalRun.DefaultDirectory(retrieval), resumeDir != null);
                Console.WriteLine(JsonSerializer.Serialize(result, TelemetryJson.IndentedOptions));
                return 0;
            }
            if (parse.GetValue(seed) is long s) overrides.Add($"training.seed={s}");
            if (parse.GetValue(steps) is long n) overrides.Add($"training.steps={n}");
            var root = ScenarioFile.Load(file, overrides);
            if (ScenarioGames.Of(root) == BitVectorVaeScenario.Kind)
                return BitVectorVaeCommand.Run(root, parse.GetValue(method), parse.GetValue(output), resumeDir);
            var sc = ReferentialScenario.Parse(root, parse.GetValue(method));
            string dir = resumeDir ?? parse.GetValue(output) ?? DefaultDirectory(sc);
            var summary = Execute(sc, dir, resumeDir != null);
            Console.WriteLine(JsonSerializer.Serialize(summary, TelemetryJson.IndentedOptions));
            return 0;
        }));
        return command;
    }

    public static string DefaultDirectory(ReferentialScenario sc) => Path.Combine("runs", sc.Name, sc.Method, $"seed-{sc.Seed}");

    /// <summary>Loads the data, trains with a progress display, and returns the summary (also in dir/summary.json).</summary>
    public static RunSummary Execute(ReferentialScenario sc, string dir, bool resume)
    {
        Console.Error.WriteLine($"agentlab: {sc.Name}, method {sc.Method}, seed {sc.Seed}, {sc.Steps} steps of {sc.Batch} games -> {dir}");
        var data = ReferentialData.Load(sc);
        var runner = new ReferentialRunner(sc, data);
        using var telemetry = TelemetrySetup.Start("agentlab");
        using var metrics = new AgentLabMetrics();
        return ProgressDisplay.Show(sc, progress => runner.Run(new RunOptions(dir, resume, progress, Metrics: metrics)));
    }
}
