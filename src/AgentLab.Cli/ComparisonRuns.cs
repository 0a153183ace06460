using AgentLab.Games.BitVectorVae;
using AgentLab.Games.Referential;
using AgentLab.Games.Scenarios;
using AgentLab.Telemetry.Reports;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Cli;

/// <summary>
/// One row of a comparison table: a method under its own scenario overrides (on top of the command's),
/// trained on every seed in RUNDIR = OUT/<see cref="Directory"/>/seed-S. For `compare` the label and the
/// directory are the method; for `sweep` they also name the swept values.
/// </summary>
internal sealed record ComparisonRow(string Label, string Method, string Directory, IReadOnlyList<string> Overrides);

/// <summary>
/// What `compare` and `sweep` share: every row on every seed (seeds scenario.seed, +1, ...), all scored on
/// the same fixed test games, then the comparison table, CSV, JSON and HTML report with one line per row.
/// A run that already has its summary at this step count is reused, so an interrupted command continues
/// where it stopped; with jobs &gt; 1 the runs still to train go to <see cref="RunProcesses"/>.
/// </summary>
internal static class ComparisonRuns
{
    public static int Execute(string verb, string file, IReadOnlyList<string> overrides,
        IReadOnlyList<(ComparisonRow Row, long Seed, long Steps, Func<string, bool, RunSummary> Execute)> planned,
        int jobs, bool reportOnly, string dir, ComparisonFigures layout)
    {
        var pending = new List<PendingRun>();
        var finished = new HashSet<string>();
        foreach (var (row, seed, runSteps, execute) in planned)
        {
            string runDir = RunDirectory(dir, row, seed);
            var store = new RunStore(runDir);
            if (store.HasSummary && store.ReadSummary().Steps == runSteps)
            {
                finished.Add(runDir);
                continue;
            }
            var run = new PendingRun(row.Label, row.Method, seed, runDir, overrides.Concat(row.Overrides).ToList(),
                Directory.Exists(Path.Combine(runDir, "checkpoints")));
            if (jobs == 1 && !reportOnly)
            {
                execute(run.Directory, run.Resume);
                finished.Add(runDir);
            }
            else pending.Add(run);
        }
        if (reportOnly)
        {
            if (finished.Count == 0) throw new ArgumentException($"--report-only: no run under {dir} has finished at this step count");
            foreach (var run in pending)
                Console.Error.WriteLine($"agentlab {verb}: not finished, left out: {run.Label} seed {run.Seed} ({run.Directory})");
        }
        else if (pending.Count > 0)
        {
            RunProcesses.Execute(file, pending, jobs);
            finished.UnionWith(pending.Select(r => r.Directory));
        }
        // In the planned order (row by row), whichever finished first; each run is shown under its row's label.
        var runs = planned.Select(p => (p.Row, Directory: RunDirectory(dir, p.Row, p.Seed))).Where(p => finished.Contains(p.Directory))
            .Select(p => Labelled(new RunStore(p.Directory).ReadResults(), p.Row.Label)).ToList();
        ComparisonReport.Write(runs, dir, layout);
        Console.WriteLine($"wrote {Path.Combine(dir, ComparisonReport.MarkdownFileName)}, .csv, .json and report.html");
        Console.WriteLine(File.ReadAllText(Path.Combine(dir, ComparisonReport.MarkdownFileName)));
        return 0;
    }

    /// <summary>
    /// Every row on every seed, each row's scenario parsed (with its overrides) before the first run starts,
    /// so a bad value in any row fails at once. Also the default output directory and the report's layout,
    /// by the scenario's kind (referential game or bit-vector VAE).
    /// </summary>
    public static List<(ComparisonRow Row, long Seed, long Steps, Func<string, bool, RunSummary> Execute)> Plan(
        string file, IReadOnlyList<string> overrides, IReadOnlyList<ComparisonRow> rows, int seeds, string defaultLeaf,
        out string defaultDir, out ComparisonFigures layout)
    {
        var plan = new List<(ComparisonRow, long, long, Func<string, bool, RunSummary>)>();
        bool vae = ScenarioGames.Of(ScenarioFile.Load(file, overrides)) == BitVectorVaeScenario.Kind;
        defaultDir = "";
        foreach (var row in rows)
        {
            var rowOverrides = overrides.Concat(row.Overrides).ToList();
            if (vae)
            {
                var sc = BitVectorVaeScenario.Parse(ScenarioFile.Load(file, rowOverrides), row.Method);
                if (defaultDir.Length == 0) defaultDir = Path.Combine("runs", $"{sc.Name}-d{sc.Bits}", defaultLeaf);
                plan.AddRange(BitVectorVaeCommand.Plan(file, rowOverrides, [row.Method], seeds).Select(p => (row, p.Seed, p.Steps, p.Execute)));
            }
            else
            {
                var sc = ReferentialScenario.Parse(ScenarioFile.Load(file, rowOverrides), row.Method);
                if (defaultDir.Length == 0) defaultDir = Path.Combine("runs", sc.Name, defaultLeaf);
                for (int k = 0; k < seeds; k++)
                {
                    var seeded = sc with { Seed = sc.Seed + k };
                    plan.Add((row, seeded.Seed, seeded.Steps, (runDir, resume) => RunCommand.Execute(seeded, runDir, resume)));
                }
            }
        }
        layout = vae ? BitVectorVaeReport.Figures : ComparisonFigures.Referential;
        return plan;
    }

    public static string RunDirectory(string dir, ComparisonRow row, long seed) => Path.Combine(dir, row.Directory, $"seed-{seed}");

    private static RunResults Labelled(RunResults run, string label)
        => run.Summary.Method == label ? run : run with { Summary = run.Summary with { Method = label } };
}
