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
}
