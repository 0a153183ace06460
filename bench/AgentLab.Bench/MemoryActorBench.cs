using System.Diagnostics;
using AgentLab.Agents.Memory;
using AgentLab.Agents.Runtime;
using AgentLab.Games.Retrieval;
using AgentLab.Games.Scenarios;
using AgentLab.Memory;
using AgentLab.Numerics;

namespace AgentLab.Bench;

/// <summary>
/// `memory-actors [--n 1024] [--map sparsemax] [--alpha A] [--post l2] [--beta 100] [--steps 1] [--batches 16] [--blocks 5]`:
/// the cost of consulting a Hopfield memory through its actor. The first N Fashion-MNIST images of seed 0 (as the
/// retrieval scenario draws them) are stored in a memory and in a memory actor; batches of 256 noisy queries are
/// recalled from each, alternating in blocks; prints the median ms per batch of both and overhead_fraction last.
/// </summary>
internal static class MemoryActorBench
{
    private const int Batch = 256;

    public static int Run(IReadOnlyList<string> args)
    {
        var a = new BenchArgs("memory-actors", args, "n", "map", "alpha", "post", "beta", "steps", "batches", "blocks", "scenario");
        int n = a.Int("n", 1024), batches = a.Int("batches", 16), blocks = a.Int("blocks", 5);
        string mapName = a.String("map", "sparsemax");
        var map = RetrievalMap.Parse(mapName, mapName is "entmax" or "normmax" ? a.Float("alpha", 2) : null);
        var options = new RecallOptions(map, double.Parse(a.String("beta", "100")!, System.Globalization.CultureInfo.InvariantCulture), PostTransformNames.Parse(a.String("post", "l2")), a.Int("steps", 1), false);
        var sc = HopfieldRetrievalScenario.Parse(ScenarioFile.Load(a.String("scenario", "scenarios/hopfield-retrieval-fmnist.yaml"), [$"memory.sizes={n}"]));
        var data = RetrievalData.Load(sc);
        var patterns = data.Rows(data.MemoryOrder(0), n);
        var noisy = QueryCorruption.Noise(patterns, sc.NoiseStd, sc.Clamp, new Rng(0).Split(2));
        var queries = Enumerable.Range(0, batches)
            .Select(b => new Tensor(noisy.AsSpan((b * Batch) % n * data.Dimension, Math.Min(Batch, n) * data.Dimension).ToArray(), Math.Min(Batch, n), data.Dimension))
            .ToList();

        var direct = new HopfieldMemory(data.Dimension, n);
        for (int i = 0; i < n; i++) direct.Store(patterns.AsSpan(i * data.Dimension, data.Dimension));
        var system = new ActorSystem("bench");
        var actor = system.Spawn("memory", () => new HopfieldMemoryActor(data.Dimension));
        actor.Ask<Stored>(new Store(new Tensor(patterns, n, data.Dimension)), TimeSpan.FromMinutes(1)).GetAwaiter().GetResult();

        double Direct()
        {
            var watch = Stopwatch.StartNew();
            foreach (var q in queries) direct.Recall(q, options);
            return watch.Elapsed.TotalMilliseconds / queries.Count;
        }
        double ViaActor()
        {
            var watch = Stopwatch.StartNew();
            foreach (var q in queries) actor.Ask<Recalled>(new Recall(q, options), TimeSpan.FromMinutes(1)).GetAwaiter().GetResult();
            return watch.Elapsed.TotalMilliseconds / queries.Count;
        }

        Direct(); ViaActor(); // warm-up: JIT and the post-transformed copy of the memories
        var d = new List<double>(); var v = new List<double>();
        for (int b = 0; b < blocks; b++) { d.Add(Direct()); v.Add(ViaActor()); }
        system.ShutdownAsync().GetAwaiter().GetResult();
        double md = ActorOverheadBench.Median(d), mv = ActorOverheadBench.Median(v);
        Console.WriteLine($"map={RetrievalMapLabel.Of(map)} n={n} post={options.Post.ToName()} beta={options.Beta} steps={options.MaxSteps} batch={Math.Min(Batch, n)} direct_ms_per_batch={md:F3} actor_ms_per_batch={mv:F3}");
        Console.WriteLine($"overhead_fraction={(mv - md) / md:F4}");
        return 0;
    }
}
