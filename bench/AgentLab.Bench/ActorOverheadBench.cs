using System.Diagnostics;
using AgentLab.Agents.Referential;
using AgentLab.Agents.Runtime;
using AgentLab.Games.Referential;
using AgentLab.Games.Scenarios;

namespace AgentLab.Bench;

/// <summary>
/// `actors [--method M] [--steps 200] [--blocks 5]`: the cost of running the agents as actors. Two identical
/// agent sets train on the default referential-game sizes, one through the coordinator actor and one by
/// calling the same step directly, alternating in blocks so that machine drift hits both; prints the
/// median ms per step of each and overhead_fraction = (actors − direct) / direct last.
/// </summary>
internal static class ActorOverheadBench
{
    public static int Run(IReadOnlyList<string> args)
    {
        var a = new BenchArgs("actors", args, "method", "steps", "blocks", "scenario", "threads");
        AgentLab.Numerics.Blas.SetThreads(a.Int("threads", 2));
        int steps = a.Int("steps", 200), blocks = a.Int("blocks", 5);
        var sc = ReferentialScenario.Parse(ScenarioFile.Load(a.String("scenario", "scenarios/referential-fmnist.yaml")), a.String("method", "sparsemax-marg"));
        var data = ReferentialData.Load(sc);
        var direct = new ReferentialAgents(sc, data.Features);
        var viaActors = new ReferentialAgents(sc, data.Features);
        var sampler = new GameSampler(data.Train, data.TrainLabels, sc.Candidates);
        var batch = new GameBatch(sc.Batch, sc.Candidates, data.Features);
        var step = new ReferentialStep(sc.Batch, sc.Candidates, sc.Vocab);
        var system = new ActorSystem("bench");
        var coordinator = system.Spawn("coordinator", () => new CoordinatorActor(viaActors.Sender, viaActors.Receiver,
            viaActors.Channel, viaActors.ChannelContext, sc.Batch, sc.Candidates, sc.Vocab));

        double Direct()
        {
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < steps; i++)
            {
                sampler.DrawBatch(direct.GameRng, batch);
                step.Run(batch, direct.Sender, direct.Receiver, direct.Channel, direct.ChannelContext);
            }
            return watch.Elapsed.TotalMilliseconds / steps;
        }
        double Actors()
        {
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < steps; i++)
            {
                sampler.DrawBatch(viaActors.GameRng, batch);
                var reply = coordinator.Ask<StepReply>(new PlayStep(batch.Targets, batch.Candidates, batch.TargetIndex), TimeSpan.FromMinutes(5)).GetAwaiter().GetResult();
                if (reply is StepFailed f) throw new InvalidOperationException($"{f.Agent}: {f.Cause.Message}");
            }
            return watch.Elapsed.TotalMilliseconds / steps;
        }

        Direct(); Actors(); // warm-up: JIT and the early, wide-support phase of training
        var d = new List<double>(); var ac = new List<double>();
        for (int b = 0; b < blocks; b++) { d.Add(Direct()); ac.Add(Actors()); }
        system.ShutdownAsync().GetAwaiter().GetResult();
        double md = Median(d), ma = Median(ac);
        Console.WriteLine($"method={sc.Method} steps_per_block={steps} blocks={blocks} direct_ms_per_step={md:F3} actors_ms_per_step={ma:F3}");
        Console.WriteLine($"overhead_fraction={(ma - md) / md:F4}");
        return 0;
    }

    internal static double Median(List<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
