using AgentLab.Games.Retrieval;
using AgentLab.Games.Scenarios;
using AgentLab.Telemetry.Retrieval;

namespace AgentLab.Cli;

/// <summary>`agentlab run` for a hopfield-retrieval scenario: the whole sweep, with a line of progress per memory.</summary>
internal static class RetrievalRun
{
    public static string DefaultDirectory(HopfieldRetrievalScenario sc) => Path.Combine("runs", sc.Name);

    public static RetrievalSummary Execute(HopfieldRetrievalScenario sc, string dir, bool resume)
    {
        Console.Error.WriteLine($"agentlab: {sc.Name}, memories {string.Join("/", sc.Sizes)}, seeds {string.Join(",", sc.Seeds)}, " +
                                $"{sc.Maps.Count} maps x {sc.Settings.Count} settings x {sc.CorruptionKinds.Count} corruptions x {sc.Steps.Count} step counts -> {dir}");
        var data = RetrievalData.Load(sc);
        var summary = new RetrievalRunner(sc, data).Run(dir, resume, line => Console.Error.WriteLine($"agentlab: {line}"));
        Console.Error.WriteLine($"agentlab: table in {Path.Combine(dir, RetrievalReport.MarkdownFileName)}, report in {Path.Combine(dir, RetrievalReport.HtmlFileName)}");
        return summary;
    }
}
