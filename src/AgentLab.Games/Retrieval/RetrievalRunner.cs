using System.Diagnostics;
using System.Globalization;
using AgentLab.Agents.Memory;
using AgentLab.Agents.Runtime;
using AgentLab.Games.Referential;
using AgentLab.Games.Scenarios;
using AgentLab.Memory;
using AgentLab.Numerics;
using AgentLab.Telemetry.Retrieval;

namespace AgentLab.Games.Retrieval;

/// <summary>
/// Runs a Hopfield retrieval sweep: for every seed and memory size a <see cref="HopfieldMemoryActor"/> stores the
/// first N images of the seed's permutation (persisted in the run directory), then every (post, beta) setting,
/// corruption, map and step count recalls all N corrupted queries in batches through the actor. Each cell records
/// its rates, supports and the wall time of its recall batches (the ask round trip, messaging included); the cells
/// go to <c>cells.json</c> as the sweep goes, and a resumed run measures only the cells it lacks.
/// </summary>
public sealed class RetrievalRunner(HopfieldRetrievalScenario scenario, RetrievalData data)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(0.5);
    private const int WarmUpCalls = 200; // enough for the runtime to optimise; bounds the warm-up on tiny data
    private readonly HashSet<(RetrievalMap, PostTransform)> _compiled = [];

    /// <summary>Restarts of a memory actor within a minute before the run gives up (as for every agent).</summary>
    public const int MaxRestarts = 3;

    public RetrievalSummary Run(string directory, bool resume = false, Action<string>? progress = null)
    {
        var sc = scenario;
        var wall = Stopwatch.StartNew();
        Directory.CreateDirectory(directory);
        // A resumed run keeps the cells of its own grid only: a cell of a setting since removed from the scenario
        // must not show up in the table.
        var grid = sc.Seeds.SelectMany(seed => sc.Sizes.SelectMany(n => Grid(n, seed))).Select(point => point.Key).ToHashSet();
        var cells = resume ? RetrievalReport.ReadCells(directory).Where(cell => grid.Contains(cell.Key)).ToList() : [];
        var done = cells.Select(cell => cell.Key).ToHashSet();
        int startCells = cells.Count;

        // Each memory is a top-level actor; the guardian restarts a failed one from its checkpoint, like the
        // coordinator restarts the agents of a referential game.
        var system = new ActorSystem("agentlab", new ActorSystemOptions
        {
            Log = message => Console.Error.WriteLine($"agentlab: {message}"),
            GuardianStrategy = new SupervisorStrategy(_ => Directive.Restart, MaxRestarts, TimeSpan.FromMinutes(1)),
        });
        try
        {
            foreach (int seed in sc.Seeds)
            {
                var order = data.MemoryOrder(seed);
                var patterns = data.Rows(order, sc.Sizes.Max());
                var queries = sc.CorruptionKinds.ToDictionary(kind => kind, kind => QueryCorruption.Apply(kind, patterns, data.Dimension,
                    data.ImageHeight, sc.NoiseStd, sc.Clamp, new Rng((ulong)seed).Split(2)));
                foreach (int n in sc.Sizes)
                {
                    var todo = Grid(n, seed).Where(cell => !done.Contains(cell.Key)).ToList();
                    if (todo.Count == 0) continue;
                    var group = Stopwatch.StartNew();
                    MeasureGroup(system, directory, seed, n, patterns.AsSpan(0, n * data.Dimension).ToArray(), queries, todo, cells);
                    RetrievalReport.WriteCells(directory, cells);
                    progress?.Invoke($"seed {seed}, N = {n}: {todo.Count} cells in {group.Elapsed.TotalSeconds:F1} s ({cells.Count} of {grid.Count} done)");
                }
            }
        }
        finally
        {
            system.ShutdownAsync().GetAwaiter().GetResult();
        }

        var table = RetrievalReport.Write(sc.Name, cells, directory);
        double recallSeconds = cells.Sum(cell => cell.RecallSeconds);
        long queryCount = cells.Sum(cell => (long)cell.Queries);
        var summary = new RetrievalSummary
        {
            Scenario = sc.Name,
            Seeds = sc.Seeds,
            Rows = table.Rows.Count,
            Cells = cells.Count,
            Queries = queryCount,
            RecallSeconds = recallSeconds,
            QueriesPerSecond = recallSeconds > 0 ? queryCount / recallSeconds : 0,
            WallSeconds = wall.Elapsed.TotalSeconds,
            Files = [.. RetrievalReport.ReportFiles, RetrievalReport.CellsFileName],
            Notes = new Dictionary<string, string>
            {
                ["protocol"] = $"memories: the first N of a seeded permutation ({sc.Order}) of {sc.Source}; queries: each memory corrupted " +
                               $"(mask: bottom half of the rows zeroed; noise: + {sc.NoiseStd.ToString(CultureInfo.InvariantCulture)} N(0,1){(sc.Clamp ? ", clamped to [-1, 1]" : "")}); " +
                               $"exact: cosine > {sc.ExactCosine.ToString(CultureInfo.InvariantCulture)}, success: cosine > {sc.SuccessCosine.ToString(CultureInfo.InvariantCulture)} to the post-transformed memory",
                ["timing"] = $"wall time of the recall asks to the memory actor, batches of {sc.Batch}, stop_when_stable {sc.StopWhenStable.ToString().ToLowerInvariant()}; untimed warm-up: {WarmUpTime.TotalSeconds} s (at most {WarmUpCalls} batches) per map and post-transformation, then one batch per map and setting, each with the most steps (so a memory's one-time preparation is not timed)",
                ["resumed_with_cells"] = startCells.ToString(CultureInfo.InvariantCulture),
            },
        };
        RetrievalReport.WriteSummary(directory, summary);
        return summary;
    }

    /// <summary>The cells of one memory, in the order they are measured: setting, corruption, map, steps.</summary>
    private IEnumerable<SweepPoint> Grid(int n, int seed) =>
        from setting in scenario.Settings
        from corruption in scenario.CorruptionKinds
        from map in scenario.Maps
        from steps in scenario.Steps
        select new SweepPoint(n, seed, setting, corruption, map, steps);

    private void MeasureGroup(ActorSystem system, string directory, int seed, int n, float[] memories, Dictionary<string, float[]> queries,
        List<SweepPoint> todo, List<RetrievalCell> cells)
    {
        int d = data.Dimension;
        string checkpoint = Path.Combine(directory, "memories", $"seed-{seed}-n{n}.ckpt");
        if (File.Exists(checkpoint)) File.Delete(checkpoint); // a memory left by an interrupted run is stored again, from the same images
        var memory = system.Spawn($"memory-seed{seed}-n{n}", () => new HopfieldMemoryActor(d, checkpoint));
        try
        {
            var stored = Ask<Stored>(memory, new Store(new Tensor(memories, n, d)));
            if (stored.Count != n) throw new InvalidOperationException($"memory: stored {stored.Count} patterns, expected {n}");
            var batches = Batches(n, queries);
            var warmed = new HashSet<(RetrievalSetting, RetrievalMap)>();
            foreach (var setting in todo.Select(cell => cell.Setting).Distinct())
            {
                var targets = RetrievalScore.ScoringTargets(memories, d, setting.Post);
                foreach (var cell in todo.Where(cell => cell.Setting == setting))
                {
                    var options = new RecallOptions(cell.Map, setting.Beta, setting.Post, cell.Steps, scenario.StopWhenStable);
                    // The untimed recalls take the most steps of the sweep, so that what a memory prepares once and
                    // keeps (its post-transformed copy, the Gram matrix of later sparse updates) is never timed.
                    var warmUp = new Recall(batches[cell.Corruption][0].Queries, options with { MaxSteps = scenario.Steps.Max() });
                    // The runtime compiles hot code in tiers (quick code first, optimised code a little later, in the
                    // background), so each map and post-transformation first runs untimed for a while; then one
                    // untimed batch per setting and map.
                    if (_compiled.Add((cell.Map, setting.Post)))
                        for (var (warm, calls) = (Stopwatch.StartNew(), 0); warm.Elapsed < WarmUpTime && calls < WarmUpCalls; calls++)
                            Ask<Recalled>(memory, warmUp);
                    if (warmed.Add((setting, cell.Map))) Ask<Recalled>(memory, warmUp);
                    var score = new RetrievalScore(scenario.ExactCosine, scenario.SuccessCosine);
                    var watch = new Stopwatch();
                    foreach (var (first, batch) in batches[cell.Corruption])
                    {
                        watch.Start();
                        var result = Ask<Recalled>(memory, new Recall(batch, options)).Result;
                        watch.Stop();
                        score.Add(result, targets, first);
                    }
                    cells.Add(cell.Measured(score, watch.Elapsed.TotalSeconds, scenario.Batch));
                }
            }
        }
        finally
        {
            system.StopAsync(memory).GetAwaiter().GetResult();
        }
    }

    /// <summary>The query batches of every corruption, built once per memory so that building them is never timed.</summary>
    private Dictionary<string, List<(int First, Tensor Queries)>> Batches(int n, Dictionary<string, float[]> queries)
    {
        int d = data.Dimension;
        return queries.ToDictionary(pair => pair.Key, pair =>
        {
            var list = new List<(int, Tensor)>();
            for (int first = 0; first < n; first += scenario.Batch)
            {
                int size = Math.Min(scenario.Batch, n - first);
                list.Add((first, new Tensor(pair.Value.AsSpan(first * d, size * d).ToArray(), size, d)));
            }
            return list;
        });
    }

    /// <summary>
    /// One ask to a memory. A failure has already restarted the actor from its checkpoint (its supervisor's
    /// doing), so the ask is repeated, up to <see cref="MaxRestarts"/> times; then the memory counts as failed.
    /// </summary>
    private static T Ask<T>(ActorRef memory, object message)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return memory.Ask<T>(message, AskTimeout).GetAwaiter().GetResult();
            }
            catch (ActorFailedException e) when (attempt < MaxRestarts)
            {
                Console.Error.WriteLine($"agentlab: memory \"{memory.Path}\" failed ({e.InnerException?.Message ?? e.Message}); restarted from its checkpoint, asking again");
            }
            catch (ActorFailedException e)
            {
                throw new AgentFailedException(memory.Path, e.InnerException ?? e);
            }
        }
    }
}
