using AgentLab.Cli;

namespace AgentLab.Games.Tests.BitVectorVae;

/// <summary>`agentlab run` and `agentlab compare` recognise a bit-vector VAE scenario by its game key and validate it.</summary>
public class BitVectorVaeCliTests
{
    private static (int Code, string Stderr) Agentlab(params string[] args)
    {
        var original = Console.Error;
        var stderr = new StringWriter();
        Console.SetError(stderr);
        try { return (Program.Main(args), stderr.ToString()); }
        finally { Console.SetError(original); }
    }

    [Fact]
    public void Run_validates_the_method_against_the_vae_methods()
    {
        using var vae = new SyntheticVae("sfe", steps: 1);
        var (code, stderr) = Agentlab("run", vae.Path, "--method", "sparsemax-marg");
        Assert.Equal(2, code);
        Assert.Contains("agentlab run: ", stderr);
        Assert.Contains("\"training.method\" must be one of topk-sparsemax, sparsemap, sparsemap-budget, sfe", stderr);
    }

    [Fact]
    public void Compare_validates_every_method_before_the_first_run()
    {
        using var vae = new SyntheticVae("sfe", steps: 1);
        var (code, stderr) = Agentlab("compare", vae.Path, "--methods", "sfe,telepathy", "--seeds", "1", "--out", Path.Combine(vae.Dir, "cmp"));
        Assert.Equal(2, code);
        Assert.Contains("agentlab compare: ", stderr);
        Assert.Contains("got \"telepathy\"", stderr);
        Assert.False(Directory.Exists(Path.Combine(vae.Dir, "cmp", "sfe")));
    }

    [Fact]
    public void Compare_with_jobs_trains_each_run_in_its_own_process()
    {
        using var vae = new SyntheticVae("sfe", steps: 4);
        string dir = Path.Combine(vae.Dir, "cmp");
        var (code, stderr) = Agentlab("compare", vae.Path, "--methods", "sfe,topk-sparsemax", "--seeds", "1", "--jobs", "2", "--out", dir);
        Assert.True(code == 0, stderr);
        foreach (string method in new[] { "sfe", "topk-sparsemax" })
        {
            string run = Path.Combine(dir, method, "seed-3");
            Assert.True(File.Exists(Path.Combine(run, "summary.json")), run);
            Assert.Contains($"method {method}, seed 3", File.ReadAllText(Path.Combine(run, "run.log")));
        }
        Assert.Contains("topk-sparsemax", File.ReadAllText(Path.Combine(dir, "comparison.md")));
    }
}
