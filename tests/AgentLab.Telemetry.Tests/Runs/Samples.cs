using AgentLab.Telemetry.Runs;

namespace AgentLab.Telemetry.Tests.Runs;

/// <summary>Records with every field set to something distinguishable.</summary>
internal static class Samples
{
    public static MetricsPoint Point(long step, double success = 0.5) => new()
    {
        Step = step,
        Games = step * 32,
        Objective = 1.25 + step,
        TaskLoss = 0.75,
        Success = success,
        Entropy = 2.0794415416798357,
        ReceiverCalls = 256,
        Nonzeros = 256,
        GamesPerSecond = 1234.5,
        ElapsedSeconds = step * 0.01,
    };

    public static RunSummary Summary(string method = "sfe", long seed = 1, double testSuccess = 0.8) => new()
    {
        Scenario = "fmnist-10",
        Method = method,
        Seed = seed,
        Steps = 1000,
        TestSuccess = testSuccess,
        TestSuccessGreedy = testSuccess + 0.05,
        MeanReceiverCalls = 2.5,
        MeanNonzeros = 1.75,
        TrainGamesPerSecond = 4096,
        WallSeconds = 12.5,
    };
}
