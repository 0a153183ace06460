using System.Diagnostics;
using System.Globalization;
using AgentLab.Agents.Referential;
using AgentLab.Agents.Runtime;
using AgentLab.Channels;
using AgentLab.Games.Scenarios;
using AgentLab.Numerics;
using AgentLab.Telemetry.Metrics;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Games.Referential;

/// <summary>
/// Trains one method on one seed of a referential-game scenario: fixed validation and test games, training
/// games drawn on the fly, metrics every logging interval, a consistent checkpoint of both agents, the
/// channel and every random stream every checkpoint interval, and the test evaluation at the end. A run
/// resumed from its last checkpoint continues exactly as if it had never stopped. The agents run as actors
/// (AgentLab.Agents); evaluation reads their learners between steps, when the actors are idle.
/// </summary>
public sealed class ReferentialRunner
{
    private readonly ReferentialScenario _scenario;
    private readonly ReferentialData _data;

    public ReferentialRunner(ReferentialScenario scenario, ReferentialData data)
    {
        _scenario = scenario;
        _data = data;
    }

    public RunSummary Run(RunOptions options)
    {
        var sc = _scenario;
        var wall = Stopwatch.StartNew();
        Directory.CreateDirectory(options.OutputDirectory);
        var store = new RunStore(options.OutputDirectory);
        var checkpoints = new CheckpointDirectory(Path.Combine(options.OutputDirectory, "checkpoints"), options.KeepCheckpoints);
        var agents = new ReferentialAgents(sc, _data.Features);

        var fixedGames = new Rng((ulong)sc.TestSeed);
        var validation = GameSet.Draw(_data.Train, _data.TrainLabels, sc.ValidationGames, sc.Candidates, fixedGames.Split(1));
        var test = GameSet.Draw(_data.Test, _data.TestLabels, sc.TestGames, sc.Candidates, fixedGames.Split(2));
        var sampler = new GameSampler(_data.Train, _data.TrainLabels, sc.Candidates);
        var batch = new GameBatch(sc.Batch, sc.Candidates, _data.Features);
        var evaluator = new Evaluator(sc.EvaluationBatch, sc.Candidates, _data.Features, sc.Vocab);

        var tags = new RunTags(sc.Method, sc.Name, sc.Seed);
        Dictionary<string, double>? lastExtra = null;
        double trainSeconds = 0;
        if (options.Resume)
        {
            var found = checkpoints.FindLatestValid();
            if (found.Checkpoint != null)
            {
                agents.Restore(found.Checkpoint);
                trainSeconds = double.Parse(found.Checkpoint.GetMetadata("train_seconds"), CultureInfo.InvariantCulture);
                store.TruncateAfter(agents.ChannelContext.Step);
            }
        }
        else store.TruncateAfter(-1);
        if (checkpoints.FindLatestValid().Checkpoint == null) SaveCheckpoint(checkpoints, agents, trainSeconds);

        // Sender and receiver are actors under a coordinator actor; a failing agent is restarted by
        // supervision and every agent is rolled back to the last consistent checkpoint, then the run replays.
        var system = new ActorSystem("agentlab", new ActorSystemOptions { Log = message => Console.Error.WriteLine($"agentlab: {message}") });
        var senders = agents.Senders.Select(s => options.WrapSender?.Invoke(s) ?? s).ToArray();
        var receivers = agents.Receivers.Select(r => options.WrapReceiver?.Invoke(r) ?? r).ToArray();
        var coordinator = system.Spawn("coordinator", () => new CoordinatorActor(senders, receivers, agents.Channel,
            agents.ChannelContext, sc.Batch, sc.Candidates, sc.Vocab));

        var interval = new IntervalAverages();
        var watch = Stopwatch.StartNew();
        double secondsAtStart = trainSeconds;
        long startStep = agents.ChannelContext.Step;
        try
        {
            while (agents.ChannelContext.Step < sc.Steps)
            {
                sampler.DrawBatch(agents.GameRng, batch);
                var (senderIndex, receiverIndex) = agents.Pairing.PairFor(agents.ChannelContext.Step);
                var reply = Play(coordinator, new PlayStep(batch.Targets, batch.Candidates, batch.TargetIndex, Sender: senderIndex, Receiver: receiverIndex));
                if (reply is StepFailed failed)
                {
                    if (failed.Permanent) throw new AgentFailedException(failed.Agent, failed.Cause);
                    var last = checkpoints.FindLatestValid().Checkpoint!;
                    agents.Restore(last);
                    trainSeconds = double.Parse(last.GetMetadata("train_seconds"), CultureInfo.InvariantCulture);
                    store.TruncateAfter(agents.ChannelContext.Step);
                    Console.Error.WriteLine($"agentlab: agent \"{failed.Agent}\" failed ({failed.Cause.GetType().Name}: {failed.Cause.Message}); restarted, all agents rolled back to step {agents.ChannelContext.Step}");
                    interval = new IntervalAverages(trainSeconds, agents.ChannelContext.Step * sc.Batch);
                    watch.Restart();
                    secondsAtStart = trainSeconds;
                    continue;
                }
                interval.Add(((StepCompleted)reply).Outcome, (agents.Channel as PathwiseVectorChannel)?.LastStatistics);
                long done = agents.ChannelContext.Step;
                bool log = done % sc.LogEvery == 0 || done == sc.Steps;
                bool validate = done % sc.ValidationEvery == 0 || done == sc.Steps;
                bool checkpoint = done % sc.CheckpointEvery == 0 || done == sc.Steps;
                if (!log && !validate && !checkpoint) continue;

                trainSeconds = secondsAtStart + watch.Elapsed.TotalSeconds;
                double? validationSuccess = null;
                if (validate) validationSuccess = Evaluate(evaluator, validation, agents).Success;
                if (log || validate)
                {
                    var point = interval.ToPoint(done, done * sc.Batch, trainSeconds, validationSuccess);
                    lastExtra = point.Extra;
                    store.Append(point);
                    options.Metrics?.Record(point, tags);
                    options.Progress?.Invoke(new RunProgress(done, sc.Steps, point.Success, point.ReceiverCalls, point.GamesPerSecond, validationSuccess));
                    interval = new IntervalAverages(trainSeconds, done * sc.Batch);
                }
                if (checkpoint) SaveCheckpoint(checkpoints, agents, trainSeconds);
                watch.Restart();
                secondsAtStart = trainSeconds;
            }
            trainSeconds = secondsAtStart + watch.Elapsed.TotalSeconds;
        }
        finally
        {
            // The agents' actors stop whatever ends the loop (success, a stopped agent, a diverged loss).
            system.ShutdownAsync().GetAwaiter().GetResult();
        }

        var result = Evaluate(evaluator, test, agents);
        var summary = new RunSummary
        {
            Scenario = sc.Name,
            Method = sc.Method,
            Seed = sc.Seed,
            Steps = agents.ChannelContext.Step,
            TestSuccess = result.Success,
            TestSuccessGreedy = result.GreedySuccess,
            MeanReceiverCalls = result.ReceiverCalls,
            MeanNonzeros = result.Nonzeros,
            TrainGamesPerSecond = trainSeconds > 0 ? agents.ChannelContext.Step * sc.Batch / trainSeconds : 0,
            WallSeconds = wall.Elapsed.TotalSeconds,
            // Mixed channels: the message measures of the last training interval (vertex fraction, H⊕).
            Extra = lastExtra?.ToDictionary(kv => "final_" + kv.Key, kv => kv.Value),
            Notes = new Dictionary<string, string>
            {
                ["test_success"] = Conventions(sc.Method),
                ["resumed_from_step"] = startStep.ToString(CultureInfo.InvariantCulture),
            },
        };
        store.WriteSummary(summary);
        return summary;
    }

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(30);

    /// <summary>One step through the coordinator; a diverged loss surfaces as itself, not wrapped in actor failures.</summary>
    private static StepReply Play(ActorRef coordinator, PlayStep step)
    {
        try
        {
            return coordinator.Ask<StepReply>(step, StepTimeout).GetAwaiter().GetResult();
        }
        catch (ActorFailedException e)
        {
            for (Exception? inner = e; inner != null; inner = inner.InnerException)
                if (inner is NonFiniteException nonFinite) throw new NonFiniteException(nonFinite.Message);
            throw;
        }
    }

    /// <summary>A consistent checkpoint of both agents, the channel and every stream, taken between steps.</summary>
    private static void SaveCheckpoint(CheckpointDirectory checkpoints, ReferentialAgents agents, double trainSeconds)
    {
        var entries = new List<CheckpointEntry>();
        var metadata = new Dictionary<string, string> { ["train_seconds"] = trainSeconds.ToString("R", CultureInfo.InvariantCulture) };
        agents.Save(entries, metadata);
        checkpoints.Save(agents.ChannelContext.Step, entries, metadata);
    }

    /// <summary>Scores on a fixed game set, averaged over every (sender, receiver) pair of the population.</summary>
    private static EvaluationResult Evaluate(Evaluator evaluator, GameSet games, ReferentialAgents agents)
    {
        var results = new List<EvaluationResult>();
        foreach (var sender in agents.Senders)
            foreach (var receiver in agents.Receivers)
            {
                // A fixed stream per evaluation: sampling channels are scored on the same samples every time.
                var context = new ChannelContext(new Rng(0xE7A1)) { Step = agents.ChannelContext.Step };
                results.Add(evaluator.Run(games, sender, receiver, agents.Channel, context));
            }
        return new EvaluationResult(results[0].Games, results.Average(r => r.Success), results.Average(r => r.GreedySuccess),
            results.Average(r => r.ReceiverCalls), results.Average(r => r.Nonzeros));
    }

    private static string Conventions(string method) => method.EndsWith("-marg", StringComparison.Ordinal)
        ? "expected success under the sender's distribution (paper convention)"
        : "success of the sampled message (paper convention)";
}
