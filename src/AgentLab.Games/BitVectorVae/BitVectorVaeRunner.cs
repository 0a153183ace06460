using System.Diagnostics;
using System.Globalization;
using AgentLab.Channels;
using AgentLab.Channels.BitVector;
using AgentLab.Games.Referential;
using AgentLab.Numerics;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Games.BitVectorVae;

/// <summary>
/// Trains one method on one seed of a bit-vector VAE scenario: batches from a fresh permutation of the
/// training images every epoch, metrics every logging interval (the negative ELBO in bits per dimension and
/// the decoder calls per image), the validation bound every validation interval, a checkpoint of the
/// networks, Adam, the channel and its random stream every checkpoint interval, and the test bound at the
/// end. The epoch permutations are a function of the seed and the epoch, so a run resumed from its last
/// checkpoint continues exactly as if it had never stopped.
/// </summary>
public sealed class BitVectorVaeRunner(BitVectorVaeScenario scenario, BitVectorVaeData data)
{
    private readonly BitVectorVaeScenario _scenario = scenario;
    private readonly BitVectorVaeData _data = data;

    /// <summary>nats per image → bits per dimension.</summary>
    public static double BitsPerDimension(double nats, int pixels) => nats / (pixels * Math.Log(2));

    public RunSummary Run(RunOptions options)
    {
        var sc = _scenario;
        var wall = Stopwatch.StartNew();
        Directory.CreateDirectory(options.OutputDirectory);
        var store = new RunStore(options.OutputDirectory);
        var checkpoints = new CheckpointDirectory(Path.Combine(options.OutputDirectory, "checkpoints"), options.KeepCheckpoints);
        var root = new Rng((ulong)sc.Seed);
        var networks = new VaeNetworks(sc.Pixels, sc.Bits, sc.Hidden, sc.OutRank, sc.LearningRate, root.Split(1), sc.EncoderLogSoftmax);
        var channel = BitVectorVaeMethods.Create(sc, root.Split(3));
        var context = new ChannelContext(root.Split(2));
        var step = new VaeStep(networks, channel, context, sc.Batch);
        var evaluationContext = new ChannelContext(new Rng(EvaluationSeed));
        var evaluationStep = new VaeStep(networks, channel, evaluationContext, sc.EvaluationBatch);

        double trainSeconds = 0;
        if (options.Resume && checkpoints.FindLatestValid().Checkpoint is { } found)
        {
            Restore(found, networks, channel, context);
            trainSeconds = double.Parse(found.GetMetadata("train_seconds"), CultureInfo.InvariantCulture);
            store.TruncateAfter(context.Step);
        }
        else store.TruncateAfter(-1);
        long startStep = context.Step;
        if (checkpoints.FindLatestValid().Checkpoint == null) Save(checkpoints, networks, channel, context, trainSeconds);

        var images = new Tensor(sc.Batch, sc.Pixels);
        var levels = new byte[sc.Batch * sc.Pixels];
        var order = new EpochOrder(sc.Seed, _data.Train.Count, sc.Batch);
        var interval = new VaeIntervalAverages();
        double runCalls = 0;
        var watch = Stopwatch.StartNew();
        double secondsAtStart = trainSeconds;
        while (context.Step < sc.Steps)
        {
            _data.Train.Gather(order.Batch(context.Step), images, levels);
            var outcome = step.Train(images, levels);
            interval.Add(outcome);
            runCalls += outcome.DecoderCalls;
            long done = context.Step;
            bool log = done % sc.LogEvery == 0 || done == sc.Steps;
            bool validate = sc.ValidationImages > 0 && (done % sc.ValidationEvery == 0 || done == sc.Steps);
            bool checkpoint = done % sc.CheckpointEvery == 0 || done == sc.Steps;
            if (!log && !validate && !checkpoint) continue;

            trainSeconds = secondsAtStart + watch.Elapsed.TotalSeconds;
            if (log || validate)
            {
                double? validation = validate ? Evaluate(evaluationStep, context.Step, _data.Validation).BitsPerDimension : null;
                var point = interval.ToPoint(done, done * sc.Batch, trainSeconds, sc.Pixels, sc.Bits, validation);
                store.Append(point);
                options.Progress?.Invoke(new RunProgress(done, sc.Steps, 0, point.ReceiverCalls, point.GamesPerSecond, null));
                string validationText = validation is { } v ? string.Create(CultureInfo.InvariantCulture, $"  validation {v:F4} bits/dim") : "";
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"agentlab: step {done}/{sc.Steps}  -ELBO {point.TaskLoss:F4} bits/dim  decoder calls/image {point.ReceiverCalls:F2}{validationText}  {point.GamesPerSecond:F0} images/s"));
                interval = new VaeIntervalAverages(trainSeconds, done * sc.Batch);
            }
            if (checkpoint) Save(checkpoints, networks, channel, context, trainSeconds);
            watch.Restart();
            secondsAtStart = trainSeconds;
        }
        trainSeconds = secondsAtStart + watch.Elapsed.TotalSeconds;

        var test = Evaluate(evaluationStep, context.Step, _data.Test);
        long trained = context.Step - startStep;
        var summary = new RunSummary
        {
            Scenario = sc.Name,
            Method = sc.Method,
            Seed = sc.Seed,
            Steps = context.Step,
            // The VAE has no success rate and no receiver: the referential fields stay null (absent from
            // summary.json); its figure of merit is extra.test_bits_per_dim. A "game" is one image.
            TrainGamesPerSecond = trainSeconds > 0 ? context.Step * sc.Batch / trainSeconds : 0,
            WallSeconds = wall.Elapsed.TotalSeconds,
            Extra = new Dictionary<string, double>
            {
                ["test_bits_per_dim"] = test.BitsPerDimension,
                ["test_negative_elbo_nats"] = test.NegativeElbo,
                ["test_decoder_calls"] = test.DecoderCalls,
                [BitVectorVaeReport.TrainDecoderCalls] = trained > 0 ? runCalls / trained : test.DecoderCalls,
                ["latent_bits"] = sc.Bits,
            },
            Notes = new Dictionary<string, string>
            {
                ["test_bits_per_dim"] = BitVectorVaeMethods.IsExact(sc.Method)
                    ? "negative ELBO, exact over the sparse support (D log 2 − H(q) + Σ w ℓ), / (784 ln 2)"
                    : "negative ELBO with one discrete sample z ~ q per image and the exact Bernoulli KL, / (784 ln 2)",
                [BitVectorVaeReport.TrainDecoderCalls] = "decoder calls per training image, over the steps since the run (re)started",
                ["resumed_from_step"] = startStep.ToString(CultureInfo.InvariantCulture),
            },
        };
        store.WriteSummary(summary);
        return summary;
    }

    private const ulong EvaluationSeed = 0xE7A1;

    /// <summary>
    /// Negative ELBO over a fixed image set. The evaluation stream restarts from the same seed every time, so
    /// sampling channels are scored on the same noise at every evaluation.
    /// </summary>
    private VaeEvaluation Evaluate(VaeStep evaluation, long trainedSteps, VaeImages set)
    {
        var sc = _scenario;
        evaluation.Context.Rng.SetState(new Rng(EvaluationSeed).GetState());
        evaluation.Context.Step = trainedSteps;
        var images = new Tensor(sc.EvaluationBatch, sc.Pixels);
        var levels = new byte[sc.EvaluationBatch * sc.Pixels];
        var bounds = new double[sc.EvaluationBatch];
        var calls = new int[sc.EvaluationBatch];
        var indices = new int[sc.EvaluationBatch];
        double total = 0;
        long totalCalls = 0;
        for (int start = 0; start < set.Count; start += sc.EvaluationBatch)
        {
            int n = Math.Min(sc.EvaluationBatch, set.Count - start);
            // A short last batch is padded with its first image, which is counted once.
            for (int b = 0; b < sc.EvaluationBatch; b++) indices[b] = start + (b < n ? b : 0);
            set.Gather(indices, images, levels);
            evaluation.Evaluate(images, levels, bounds, calls);
            for (int b = 0; b < n; b++)
            {
                total += bounds[b];
                totalCalls += calls[b];
            }
        }
        double mean = total / set.Count;
        return new VaeEvaluation(mean, BitsPerDimension(mean, sc.Pixels), (double)totalCalls / set.Count);
    }

    private static void Save(CheckpointDirectory checkpoints, VaeNetworks networks, IBitVectorChannel channel, ChannelContext context, double trainSeconds)
    {
        var entries = new List<CheckpointEntry>();
        var metadata = new Dictionary<string, string>
        {
            ["train_seconds"] = trainSeconds.ToString("R", CultureInfo.InvariantCulture),
            ["step"] = context.Step.ToString(CultureInfo.InvariantCulture),
        };
        TrainingState.AddParameters(entries, networks.Parameters(), context.Step);
        TrainingState.AddOptimizer(entries, metadata, networks.Optimizer, "vae.adam");
        TrainingState.AddRng(metadata, "rng.channel", context.Rng);
        channel.SaveState(entries, metadata);
        checkpoints.Save(context.Step, entries, metadata);
    }

    private static void Restore(Checkpoint checkpoint, VaeNetworks networks, IBitVectorChannel channel, ChannelContext context)
    {
        TrainingState.LoadParameters(checkpoint, networks.Parameters());
        TrainingState.LoadOptimizer(checkpoint, networks.Optimizer, "vae.adam");
        TrainingState.LoadRng(checkpoint, "rng.channel", context.Rng);
        channel.RestoreState(checkpoint);
        context.Step = long.Parse(checkpoint.GetMetadata("step"), CultureInfo.InvariantCulture);
    }
}
