using AgentLab.Telemetry.Plotting;
using AgentLab.Telemetry.Reports;

namespace AgentLab.Games.BitVectorVae;

/// <summary>
/// The columns and plots of a bit-vector VAE comparison: the test negative ELBO in bits per dimension
/// (lower is better), decoder calls per image, throughput; the training bound (metrics.jsonl's
/// <c>task_loss</c>) and decoder calls over training, and test bits/dim against test decoder calls.
/// </summary>
public static class BitVectorVaeReport
{
    public const string TestBitsPerDim = "test_bits_per_dim";
    public const string TestDecoderCalls = "test_decoder_calls";
    public const string TrainDecoderCalls = "train_decoder_calls";

    public static ComparisonFigures Figures { get; } = new(
        [
            TableFigure.Extra(TestBitsPerDim),
            TableFigure.Extra("test_negative_elbo_nats"),
            TableFigure.Extra(TestDecoderCalls),
            TableFigure.Extra(TrainDecoderCalls),
            new("train_images_per_second", s => s.TrainGamesPerSecond),
            new("wall_seconds", s => s.WallSeconds),
        ],
        [
            new TrainingCurve("Training negative ELBO (mean over seeds)", "bits/dim (lower is better)", point => point.TaskLoss,
                "Negative ELBO of the training batches in bits per dimension, mean over each logging interval, averaged over seeds at each step; dashed: the validation bound where the runs evaluated.")
            {
                Validation = point => point.Extra is { } extra && extra.TryGetValue("validation_bits_per_dim", out double v) ? v : null,
            },
            // Log axis: a sparse method's support of tens and a sampler's 1 or 2 both stay readable.
            new TrainingCurve("Decoder calls per image (mean over seeds)", "decoder calls", point => point.ReceiverCalls,
                "Decoder evaluations per training image, averaged over seeds at each step (log scale).")
            {
                YScale = ScaleKind.Log,
            },
        ],
        new TradeOffPlot("Test bits/dim vs decoder calls", TestDecoderCalls, "test decoder calls per image", TestBitsPerDim, "test bits/dim (lower is better)",
            "One point per method: mean test negative ELBO in bits per dimension against mean decoder calls per test image; bars are ± one standard error over seeds."),
        Reading: "test_bits_per_dim is the test negative ELBO / (784 ln 2): lower is better. Decoder calls are per image; train_images_per_second is training throughput.");
}
