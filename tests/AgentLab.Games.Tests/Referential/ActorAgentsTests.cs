using AgentLab.Agents.Referential;
using AgentLab.Agents.Runtime;
using AgentLab.Channels;
using AgentLab.Games.Referential;
using AgentLab.Games.Scenarios;
using AgentLab.Numerics;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Games.Tests.Referential;

/// <summary>The sender, receiver and coordinator actors: same numbers as without actors, and supervision.</summary>
public class ActorAgentsTests
{
    [Theory]
    [InlineData("sparsemax-marg")]
    [InlineData("gumbel")]
    [InlineData("gumbel-st")]
    [InlineData("gaussian-sparsemax")]
    [InlineData("hard-concrete")]
    [InlineData("sfe")]
    public async Task ACoordinatorDrivenRunEqualsTheSameComputationWithoutActors(string method)
    {
        using var synthetic = new SyntheticScenario(method);
        var sc = ReferentialScenario.Parse(ScenarioFile.Load(synthetic.Path));
        var data = ReferentialData.Load(sc);
        var direct = new ReferentialAgents(sc, data.Features);
        var viaActors = new ReferentialAgents(sc, data.Features);
        var sampler = new GameSampler(data.Train, data.TrainLabels, sc.Candidates);
        var batchA = new GameBatch(sc.Batch, sc.Candidates, data.Features);
        var batchB = new GameBatch(sc.Batch, sc.Candidates, data.Features);
        var step = new ReferentialStep(sc.Batch, sc.Candidates, sc.Vocab);

        await using var system = new ActorSystem("test");
        var coordinator = system.Spawn("coordinator", () => new CoordinatorActor(viaActors.Sender, viaActors.Receiver,
            viaActors.Channel, viaActors.ChannelContext, sc.Batch, sc.Candidates, sc.Vocab));
        for (int i = 0; i < 25; i++)
        {
            sampler.DrawBatch(direct.GameRng, batchA);
            var a = step.Run(batchA, direct.Sender, direct.Receiver, direct.Channel, direct.ChannelContext);
            sampler.DrawBatch(viaActors.GameRng, batchB);
            var reply = await coordinator.Ask<StepReply>(new PlayStep(batchB.Targets, batchB.Candidates, batchB.TargetIndex), TimeSpan.FromSeconds(30));
            Assert.Equal(a, Assert.IsType<StepCompleted>(reply).Outcome);
        }
        Assert.Equal(Bits(direct), Bits(viaActors));
    }

    [Fact]
    public void ASenderThatThrowsOnItsThirdMessageIsRestartedAndTheRunEndsAsIfNothingHappened()
    {
        using var synthetic = new SyntheticScenario("sfe", steps: 60);
        var sc = ReferentialScenario.Parse(ScenarioFile.Load(synthetic.Path));
        var data = ReferentialData.Load(sc);
        var clean = new ReferentialRunner(sc, data).Run(new RunOptions(Path.Combine(synthetic.Dir, "clean")));
        int failures = 0;
        var faulty = new ReferentialRunner(sc, data).Run(new RunOptions(Path.Combine(synthetic.Dir, "faulty"),
            WrapSender: s => new FailingSender(s, failOnMessage: 3, times: 1, () => failures++)));
        Assert.Equal(1, failures);
        Assert.Equal((clean.TestSuccess, clean.TestSuccessGreedy), (faulty.TestSuccess, faulty.TestSuccessGreedy));
        var a = new RunStore(Path.Combine(synthetic.Dir, "clean")).ReadMetrics();
        var b = new RunStore(Path.Combine(synthetic.Dir, "faulty")).ReadMetrics();
        Assert.Equal(a.Select(p => (p.Step, p.Objective)), b.Select(p => (p.Step, p.Objective)));
    }

    [Fact]
    public void AnAgentThatKeepsFailingIsStoppedAndTheRunFailsNamingItAndTheError()
    {
        using var synthetic = new SyntheticScenario("sparsemax-marg", steps: 60);
        var sc = ReferentialScenario.Parse(ScenarioFile.Load(synthetic.Path));
        var runner = new ReferentialRunner(sc, ReferentialData.Load(sc));
        var ex = Assert.Throws<AgentFailedException>(() => runner.Run(new RunOptions(Path.Combine(synthetic.Dir, "run"),
            WrapReceiver: r => new AlwaysFailingReceiver())));
        Assert.Equal("receiver", ex.Agent);
        Assert.Contains("receiver", ex.Message);
        Assert.Contains("the decoder is broken", ex.Message);
    }

    private static int[] Bits(ReferentialAgents agents) =>
        agents.Sender.Network.Parameters().Concat(agents.Receiver.Network.Parameters())
            .SelectMany(p => p.Value.Data).Select(BitConverter.SingleToInt32Bits).ToArray();

    /// <summary>Throws on its n-th message (counting Encode and ApplyCotangents), a given number of times.</summary>
    private sealed class FailingSender(ISenderAgent inner, int failOnMessage, int times, Action onFailure) : ISenderAgent
    {
        private int _messages, _failed;

        private void Count()
        {
            if (++_messages == failOnMessage && _failed < times)
            {
                _failed++;
                _messages = 0;
                onFailure();
                throw new InvalidOperationException("simulated sender fault");
            }
        }

        public Tensor Encode(Tensor targets) { Count(); return inner.Encode(targets); }
        public void ApplyCotangents(ReadOnlySpan<float> dScores, bool update) { Count(); inner.ApplyCotangents(dScores, update); }
    }

    private sealed class AlwaysFailingReceiver : IReceiverAgent
    {
        public Tensor Decode(Tensor candidates, MessagePlan plan) => throw new InvalidOperationException("the decoder is broken");
        public Tensor? ApplyCotangents(ReadOnlySpan<float> dLogProbs, bool update) => throw new InvalidOperationException("unreachable");
    }
}
