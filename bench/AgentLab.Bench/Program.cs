using BenchmarkDotNet.Running;

namespace AgentLab.Bench;

/// <summary>
/// Plain side-by-side commands (`mlp`, `transform`, `recall`, ...) print one machine-readable figure as their last line;
/// `init-diagnostics` prints the referential game's state at initialisation under a data normalisation;
/// anything else goes to BenchmarkDotNet (e.g. `-- --filter '*'`).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            return args.FirstOrDefault() switch
            {
                "mlp" => MlpBench.Run(args[1..]),
                "game" => GameBench.Run(args[1..]),
                "actors" => ActorOverheadBench.Run(args[1..]),
                "transform" => TransformBench.Run(args[1..]),
                "sparsemap" => SparseMapBench.Run(args[1..]),
                "sparse-linear" => SparseLinearBench.Run(args[1..]),
                "memory-actors" => MemoryActorBench.Run(args[1..]),
                "recall" => RecallBench.Run(args[1..]),
                "init-diagnostics" => InitDiagnosticsBench.Run(args[1..]),
                _ => RunBenchmarkDotNet(args),
            };
        }
        catch (Exception e) when (e is ArgumentException or Games.Scenarios.ScenarioException or Games.Data.DatasetException)
        {
            // Bad arguments, scenario values or data files: one line, as the agentlab command prints them.
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    private static int RunBenchmarkDotNet(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
