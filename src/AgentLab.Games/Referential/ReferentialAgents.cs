using AgentLab.Agents.Referential;
using AgentLab.Channels;
using AgentLab.Games.Scenarios;
using AgentLab.Numerics;

namespace AgentLab.Games.Referential;

/// <summary>
/// The senders, the receivers (one of each, or a population) and the channel of one run, built from the
/// scenario and the run's seed, with their checkpointable state. Each part draws from its own split of the
/// seed, so adding draws to one part never changes another's.
/// </summary>
public sealed class ReferentialAgents
{
    public ReferentialAgents(ReferentialScenario scenario, int features)
    {
        var root = new Rng((ulong)scenario.Seed);
        // A single agent keeps the plain names ("sender.lin1.weight"), those of the research code's weights.
        Senders = Enumerable.Range(0, scenario.Senders).Select(i => new SenderLearner(new SenderNetwork(features, scenario.Embedding,
            scenario.Hidden, scenario.Vocab, root.Split(i == 0 ? 1UL : 100UL + (ulong)i), AgentName("sender", i, scenario.Senders)), scenario.LearningRate)).ToArray();
        Receivers = Enumerable.Range(0, scenario.Receivers).Select(j => new ReceiverLearner(new ReceiverNetwork(features, scenario.Embedding,
            scenario.Vocab, root.Split(j == 0 ? 2UL : 200UL + (ulong)j), AgentName("receiver", j, scenario.Receivers)), scenario.LearningRate)).ToArray();
        Pairing = new PopulationPairing(scenario.Senders, scenario.Receivers, scenario.Pairing, root.Split(6));
        Channel = ReferentialMethods.Get(scenario.Method).Create(
            new ReferentialMethods.ChannelSettings(scenario.EntropyCoefficient, scenario.LearningRate, features, root.Split(5)));
        ChannelContext = new ChannelContext(root.Split(3));
        GameRng = root.Split(4);
    }

    public IReadOnlyList<SenderLearner> Senders { get; }
    public IReadOnlyList<ReceiverLearner> Receivers { get; }
    public PopulationPairing Pairing { get; }

    /// <summary>The first sender and receiver: the pair itself when the population has one of each.</summary>
    public SenderLearner Sender => Senders[0];
    public ReceiverLearner Receiver => Receivers[0];

    private static string AgentName(string role, int index, int count) => count == 1 ? role : $"{role}-{index}";
    public IChannel Channel { get; }
    public ChannelContext ChannelContext { get; }
    public Rng GameRng { get; }

    public void Save(ICollection<CheckpointEntry> entries, IDictionary<string, string> metadata)
    {
        long step = ChannelContext.Step;
        for (int i = 0; i < Senders.Count; i++)
        {
            TrainingState.AddParameters(entries, Senders[i].Network.Parameters(), step);
            TrainingState.AddOptimizer(entries, metadata, Senders[i].Optimizer, AgentName("sender", i, Senders.Count) + ".adam");
        }
        for (int j = 0; j < Receivers.Count; j++)
        {
            TrainingState.AddParameters(entries, Receivers[j].Network.Parameters(), step);
            TrainingState.AddOptimizer(entries, metadata, Receivers[j].Optimizer, AgentName("receiver", j, Receivers.Count) + ".adam");
        }
        TrainingState.AddRng(metadata, "rng.pairing", Pairing.Rng);
        TrainingState.AddRng(metadata, "rng.channel", ChannelContext.Rng);
        TrainingState.AddRng(metadata, "rng.games", GameRng);
        metadata["step"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Channel.SaveState(entries, metadata);
    }

    public void Restore(Checkpoint checkpoint)
    {
        for (int i = 0; i < Senders.Count; i++)
        {
            TrainingState.LoadParameters(checkpoint, Senders[i].Network.Parameters());
            TrainingState.LoadOptimizer(checkpoint, Senders[i].Optimizer, AgentName("sender", i, Senders.Count) + ".adam");
        }
        for (int j = 0; j < Receivers.Count; j++)
        {
            TrainingState.LoadParameters(checkpoint, Receivers[j].Network.Parameters());
            TrainingState.LoadOptimizer(checkpoint, Receivers[j].Optimizer, AgentName("receiver", j, Receivers.Count) + ".adam");
        }
        TrainingState.LoadRng(checkpoint, "rng.pairing", Pairing.Rng);
        TrainingState.LoadRng(checkpoint, "rng.channel", ChannelContext.Rng);
        TrainingState.LoadRng(checkpoint, "rng.games", GameRng);
        ChannelContext.Step = long.Parse(checkpoint.GetMetadata("step"), System.Globalization.CultureInfo.InvariantCulture);
        Channel.RestoreState(checkpoint);
    }
}
