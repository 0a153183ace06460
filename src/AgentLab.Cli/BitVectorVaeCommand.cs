using System.Text.Json;
using AgentLab.Games.BitVectorVae;
using AgentLab.Games.Referential;
using AgentLab.Games.Scenarios;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Cli;

/// <summary>`agentlab run` and `agentlab compare` for scenarios with <c>game: bitvector-vae</c>.</summary>
internal static class BitVectorVaeCommand
{
    public static string DefaultDirectory(BitVectorVaeScenario sc) => Path.Combine("runs", $"{sc.Name}-d{sc.Bits}", sc.Method, $"seed-{sc.Seed}");

    /// <summary>One run: prints the summary as JSON on stdout.</summary>
    public static int Run(ScenarioNode root, string? method, string? output, string? resumeDir)
    {
        var sc = BitVectorVaeScenario.Parse(root, method);
        string dir = resumeDir ?? output ?? DefaultDirectory(sc);
        var summary = Execute(sc, dir, resumeDir != null);
        Console.WriteLine(JsonSerializer.Serialize(summary, TelemetryJson.IndentedOptions));
        return 0;
    }

    public static RunSummary Execute(BitVectorVaeScenario sc, string dir, bool resume)
    {
        Console.Error.WriteLine($"agentlab: {sc.Name}, D = {sc.Bits}, method {sc.Method}, seed {sc.Seed}, {sc.Steps} steps of {sc.Batch} images -> {dir}");
        var data = BitVectorVaeData.Load(sc);
        return new BitVectorVaeRunner(sc, data).Run(new RunOptions(dir, resume));
    }

    /// <summary>Every method on every seed; the planned runs, validated before the first one starts.</summary>
    public static IEnumerable<(string Method, long Seed, long Steps, Func<string, bool, RunSummary> Execute)> Plan(
        string file, IReadOnlyList<string> overrides, IEnumerable<string> methods, int seeds)
    {
        var scenarios = methods.Select(m => BitVectorVaeScenario.Parse(ScenarioFile.Load(file, overrides), m)).ToArray();
        foreach (var sc in scenarios)
            for (int k = 0; k < seeds; k++)
            {
                var seeded = sc with { Seed = sc.Seed + k };
                yield return (seeded.Method, seeded.Seed, seeded.Steps, (dir, resume) => Execute(seeded, dir, resume));
            }
    }
}
