using AgentLab.Channels;
using AgentLab.Games.Scenarios;
using AgentLab.Numerics;

namespace AgentLab.Games.Referential;

/// <summary>
/// The sender, the receiver and the channel of one run, built from the scenario and the run's seed, with
/// their checkpointable state. Each part draws from its own split of the seed, so adding draws to one part
/// never changes another's.
/// </summary>
public sealed class ReferentialAgents
{
    public ReferentialAgents(ReferentialScenario scenario, int features)
    {
        var root = new Rng((ulong)scenario.Seed);
        Sender = new SenderLearner(new SenderNetwork(features, scenario.Embedding, scenario.Hidden, scenario.Vocab, root.Split(1)), scenario.LearningRate);
        Receiver = new ReceiverLearner(new ReceiverNetwork(features, scenario.Embedding, scenario.Vocab, root.Split(2)), scenario.LearningRate);
        Channel = ReferentialMethods.Get(scenario.Method).Create(
            new ReferentialMethods.ChannelSettings(scenario.EntropyCoefficient, scenario.LearningRate, features, root.Split(5)));
        ChannelContext = new ChannelContext(root.Split(3));
        GameRng = root.Split(4);
    }

    public SenderLearner Sender { get; }
    public ReceiverLearner Receiver { get; }
    public IChannel Channel { get; }
    public ChannelContext ChannelContext { get; }
    public Rng GameRng { get; }

    public void Save(ICollection<CheckpointEntry> entries, IDictionary<string, string> metadata)
    {
        long step = ChannelContext.Step;
        TrainingState.AddParameters(entries, Sender.Network.Parameters(), step);
        TrainingState.AddParameters(entries, Receiver.Network.Parameters(), step);
        TrainingState.AddOptimizer(entries, metadata, Sender.Optimizer, "sender.adam");
        TrainingState.AddOptimizer(entries, metadata, Receiver.Optimizer, "receiver.adam");
        TrainingState.AddRng(metadata, "rng.channel", ChannelContext.Rng);
        TrainingState.AddRng(metadata, "rng.games", GameRng);
        metadata["step"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Channel.SaveState(entries, metadata);
    }

    public void Restore(Checkpoint checkpoint)
    {
        TrainingState.LoadParameters(checkpoint, Sender.Network.Parameters());
        TrainingState.LoadParameters(checkpoint, Receiver.Network.Parameters());
        TrainingState.LoadOptimizer(checkpoint, Sender.Optimizer, "sender.adam");
        TrainingState.LoadOptimizer(checkpoint, Receiver.Optimizer, "receiver.adam");
        TrainingState.LoadRng(checkpoint, "rng.channel", ChannelContext.Rng);
        TrainingState.LoadRng(checkpoint, "rng.games", GameRng);
        ChannelContext.Step = long.Parse(checkpoint.GetMetadata("step"), System.Globalization.CultureInfo.InvariantCulture);
        Channel.RestoreState(checkpoint);
    }
}
