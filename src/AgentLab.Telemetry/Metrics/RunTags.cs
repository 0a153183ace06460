using System.Diagnostics;

namespace AgentLab.Telemetry.Metrics;

/// <summary>
/// Which run a measurement belongs to. Every instrument carries these four tags, so a dashboard can
/// split or aggregate by method, scenario, seed, and process rank of a multi-process run.
/// </summary>
public sealed record RunTags(string Method, string Scenario, long Seed, int Rank = 0)
{
    public const string MethodKey = "method";
    public const string ScenarioKey = "scenario";
    public const string SeedKey = "seed";
    public const string RankKey = "rank";

    internal TagList ToTagList() => new()
    {
        { MethodKey, Method },
        { ScenarioKey, Scenario },
        { SeedKey, Seed },
        { RankKey, Rank },
    };
}
