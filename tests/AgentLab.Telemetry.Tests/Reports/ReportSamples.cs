using AgentLab.Telemetry.Runs;
using AgentLab.Telemetry.Tests.Runs;

namespace AgentLab.Telemetry.Tests.Reports;

/// <summary>Runs shaped like a real comparison: dense marginalisation against a sparse method.</summary>
internal static class ReportSamples
{
    public static RunResults Run(string method, long seed, double testSuccess, double nonzeros = 256, double calls = 256,
        IReadOnlyList<MetricsPoint>? metrics = null, Dictionary<string, double>? extra = null, string scenario = "fmnist-10") =>
        new(Samples.Summary(method, seed, testSuccess) with
        {
            Scenario = scenario, MeanNonzeros = nonzeros, MeanReceiverCalls = calls, Extra = extra,
        },
        metrics ?? Curve(calls, 0.5, 0.7, 0.9));

    /// <summary>Points at steps 100, 200, ... with the given training successes.</summary>
    public static List<MetricsPoint> Curve(double calls, params double[] successes) =>
        successes.Select((success, i) => Samples.Point(100 * (i + 1), success) with { ReceiverCalls = calls, Nonzeros = calls }).ToList();

    /// <summary>Three dense seeds, three sparse seeds with validation figures, one SFE seed with an extra figure.</summary>
    public static List<RunResults> Comparison() =>
    [
        Run("dense-marg", 1, 0.80),
        Run("dense-marg", 2, 0.90),
        Run("dense-marg", 3, 0.85),
        Run("sparsemax-marg", 1, 0.84, nonzeros: 1.5, calls: 2, metrics: WithValidation(Curve(2, 0.4, 0.6, 0.8))),
        Run("sparsemax-marg", 2, 0.86, nonzeros: 1.7, calls: 2.5, metrics: WithValidation(Curve(2.5, 0.5, 0.7, 0.9))),
        Run("sparsemax-marg", 3, 0.88, nonzeros: 1.6, calls: 2.25, metrics: WithValidation(Curve(2.25, 0.6, 0.8, 1.0))),
        Run("sfe", 1, 0.5, nonzeros: 1, calls: 1, extra: new() { ["baseline"] = 0.25 }),
    ];

    private static List<MetricsPoint> WithValidation(List<MetricsPoint> curve) =>
        curve.Select((point, i) => i % 2 == 1 ? point : point with { ValidationSuccess = point.Success - 0.1 }).ToList();
}
