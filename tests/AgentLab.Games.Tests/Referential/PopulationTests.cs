using AgentLab.Agents.Referential;
using AgentLab.Games.Referential;
using AgentLab.Games.Scenarios;
using AgentLab.Numerics;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Games.Tests.Referential;

public class PopulationTests
{
    [Fact]
    public void UniformPairingIsReproducibleForASeedAndCoversThePopulation()
    {
        var a = new PopulationPairing(3, 2, PairingMode.Uniform, new Rng(8));
        var b = new PopulationPairing(3, 2, PairingMode.Uniform, new Rng(8));
        var pairsA = Enumerable.Range(0, 600).Select(t => a.PairFor(t)).ToArray();
        Assert.Equal(pairsA, Enumerable.Range(0, 600).Select(t => b.PairFor(t)));
        Assert.Equal(6, pairsA.Distinct().Count());
        Assert.All(pairsA.GroupBy(p => p), g => Assert.InRange(g.Count(), 60, 140));
        var c = new PopulationPairing(3, 2, PairingMode.Uniform, new Rng(9));
        Assert.NotEqual(pairsA, Enumerable.Range(0, 600).Select(t => c.PairFor(t)));
    }

    [Fact]
    public void SweepVisitsEveryPairInTurn()
    {
        var sweep = new PopulationPairing(2, 3, PairingMode.Sweep, new Rng(1));
        Assert.Equal([(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (0, 0)], Enumerable.Range(0, 7).Select(t => sweep.PairFor(t)));
    }

    [Fact]
    public void APopulationRunTrainsEveryAgentIsReproducibleAndResumes()
    {
        using var synthetic = new SyntheticScenario("sparsemax-marg", steps: 60, extra: "");
        var overrides = new[] { "agents.senders=2", "agents.receivers=3", "agents.pairing=uniform" };
        var sc = ReferentialScenario.Parse(ScenarioFile.Load(synthetic.Path, overrides));
        var data = ReferentialData.Load(sc);
        var before = new ReferentialAgents(sc, data.Features);
        string first = Path.Combine(synthetic.Dir, "first"), second = Path.Combine(synthetic.Dir, "second");
        var a = new ReferentialRunner(sc, data).Run(new RunOptions(first));
        new ReferentialRunner(sc with { Steps = 40 }, data).Run(new RunOptions(second));
        var b = new ReferentialRunner(sc, data).Run(new RunOptions(second, Resume: true));
        Assert.Equal((a.TestSuccess, a.TestSuccessGreedy), (b.TestSuccess, b.TestSuccessGreedy));
        Assert.Equal(new RunStore(first).ReadMetrics().Select(p => p.Objective), new RunStore(second).ReadMetrics().Select(p => p.Objective));

        // Every agent was paired at least once in 60 uniform draws over 6 pairs, so every agent's weights moved.
        var after = new ReferentialAgents(sc, data.Features);
        after.Restore(new AgentLab.Numerics.CheckpointDirectory(Path.Combine(first, "checkpoints")).FindLatestValid().Checkpoint!);
        for (int i = 0; i < 2; i++)
            Assert.NotEqual(before.Senders[i].Network.Lin4.Weight.Value.Data, after.Senders[i].Network.Lin4.Weight.Value.Data);
        for (int j = 0; j < 3; j++)
            Assert.NotEqual(before.Receivers[j].Network.Lin1.Weight.Value.Data, after.Receivers[j].Network.Lin1.Weight.Value.Data);
        Assert.Equal("sender-1.lin1.weight", after.Senders[1].Network.Lin1.Weight.Name);
    }
}
