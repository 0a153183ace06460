namespace AgentLab.Telemetry.Metrics;

/// <summary>
/// The instrument names, following OpenTelemetry's conventions: dot-separated namespaces under
/// <c>agentlab</c>, snake_case words, units kept out of the name (they travel as the unit).
/// Through the collector's Prometheus exporter they appear with dots as underscores and the
/// histogram suffixes <c>_bucket</c>, <c>_sum</c>, <c>_count</c> (and, for some units, a unit word),
/// e.g. <c>agentlab_game_success_rate_sum</c>.
/// </summary>
public static class MetricNames
{
    /// <summary>The meter every AgentLab instrument lives on; what a MeterProvider subscribes to.</summary>
    public const string MeterName = "AgentLab";

    public const string SuccessRate = "agentlab.game.success_rate";
    public const string ValidationSuccessRate = "agentlab.game.validation_success_rate";
    public const string MessageNonzeros = "agentlab.message.nonzeros";
    public const string ReceiverCalls = "agentlab.receiver.calls";
    public const string TrainLoss = "agentlab.train.loss";
    public const string SenderEntropy = "agentlab.sender.entropy";
    public const string GamesPerSecond = "agentlab.train.games_per_second";
}
