using AgentLab.Games.Scenarios;
using AgentLab.Memory;
using AgentLab.Telemetry.Retrieval;

namespace AgentLab.Games.Retrieval;

/// <summary>One cell of a retrieval sweep before it is measured: which memory, which queries, which recall.</summary>
internal sealed record SweepPoint(int Memories, int Seed, RetrievalSetting Setting, string Corruption, RetrievalMap Map, int Steps)
{
    public string Key => RetrievalCell.KeyOf(Memories, Corruption, RetrievalMapLabel.Of(Map), Setting.Post.ToName(), Setting.Beta, Steps, Seed);

    public RetrievalCell Measured(RetrievalScore score, double seconds, int batch) => new()
    {
        Memories = Memories,
        Corruption = Corruption,
        Map = RetrievalMapLabel.Of(Map),
        Post = Setting.Post.ToName(),
        Beta = Setting.Beta,
        Steps = Steps,
        Seed = Seed,
        Queries = score.Queries,
        Batch = batch,
        Exact = score.Exact,
        Success = score.Success,
        Support = score.Support,
        SupportAbove001 = score.SupportAbove001,
        StepsTaken = score.StepsTaken,
        RecallSeconds = seconds,
    };
}
