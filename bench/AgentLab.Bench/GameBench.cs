using AgentLab.Games.Referential;
using AgentLab.Games.Scenarios;

namespace AgentLab.Bench;

/// <summary>
/// `game --method M [--steps 300] [--scenario scenarios/referential-fmnist.yaml] [--threads 2] [--normalization N]`: trains the
/// referential game from initialisation exactly as `agentlab run` does (same data, normalisation, agents)
/// and prints the training speed, games_per_second, last — the protocol of
/// ../shared/bench/referential_game_torch.py (300 steps from initialisation, evaluation excluded).
/// </summary>
internal static class GameBench
{
    public static int Run(IReadOnlyList<string> args)
    {
        var a = new BenchArgs("game", args, "method", "steps", "scenario", "threads", "seed", "normalization");
        AgentLab.Numerics.Blas.SetThreads(a.Int("threads", 2));
        string file = a.String("scenario", "scenarios/referential-fmnist.yaml");
        int steps = a.Int("steps", 300);
        var overrides = new[]
        {
            $"training.steps={steps}", $"training.seed={a.Int("seed", 1)}", "training.log_every=100",
            "training.checkpoint_every=100000000", "training.validation_every=100000000",
            "evaluation.validation_games=64", "evaluation.test_games=256",
        };
        // The side-by-side script names the peer's preprocessing here, so both sides train on the same inputs.
        string normalization = a.String("normalization", "");
        if (normalization.Length > 0) overrides = [.. overrides, $"data.normalization={normalization}"];
        var sc = ReferentialScenario.Parse(ScenarioFile.Load(file, overrides), a.String("method"));
        var data = ReferentialData.Load(sc);
        string dir = Path.Combine(Path.GetTempPath(), $"agentlab-bench-{Environment.ProcessId}");
        try
        {
            var summary = new ReferentialRunner(sc, data).Run(new RunOptions(dir, Progress: p =>
                Console.WriteLine($"step {p.Step}: {p.GamesPerSecond:F0} games/s, receiver calls {p.ReceiverCalls:F2}")));
            Console.WriteLine($"method={sc.Method} steps={steps} batch={sc.Batch} test_success={summary.TestSuccess:F4} receiver_calls={summary.MeanReceiverCalls:F2}");
            Console.WriteLine($"games_per_second={summary.TrainGamesPerSecond:F1}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return 0;
    }
}
