using AgentLab.Channels;

namespace AgentLab.Games.Referential;

/// <summary>
/// The estimators of the referential game by their scenario names, each with the published learning
/// rate and entropy-bonus coefficient (REFERENTIAL_GAME.md). entmax-marg is not in the paper's table; it
/// takes sparsemax-marg's settings, its closest relative. The mixed channels (hard-concrete,
/// gaussian-sparsemax) come from Farinhas et al. 2022, whose signaling-game setting is lr 1e-3 with no
/// entropy bonus (coefficient 0).
/// </summary>
public static class ReferentialMethods
{
    /// <summary>A method: its defaults and how to build its channel from (entropy coefficient, learning rate,
    /// features, random stream); only NVIL uses the last three, for its baseline network.</summary>
    public sealed record Method(string Name, float LearningRate, float EntropyCoefficient, Func<ChannelSettings, IChannel> Create);

    public sealed record ChannelSettings(float EntropyCoefficient, float LearningRate, int Features, AgentLab.Numerics.Rng Rng);

    public static IReadOnlyList<Method> All { get; } =
    [
        new("sfe", 1e-3f, 0.01f, c => new ScoreFunctionChannel("sfe", SfeLoss.ZeroOne, sampleBaseline: false, c.EntropyCoefficient)),
        new("sfe-nll", 1e-3f, 0.05f, c => new ScoreFunctionChannel("sfe-nll", SfeLoss.NegativeLogLikelihood, sampleBaseline: false, c.EntropyCoefficient)),
        new("sfe-plus", 1e-3f, 0.05f, c => new ScoreFunctionChannel("sfe-plus", SfeLoss.ZeroOne, sampleBaseline: true, c.EntropyCoefficient)),
        new("nvil", 1e-3f, 0.1f, c => new NvilChannel("nvil", c.EntropyCoefficient, c.Features, c.LearningRate, c.Rng)),
        new("gumbel", 1e-3f, 0.01f, c => new GumbelSoftmaxChannel("gumbel", straightThrough: false, c.EntropyCoefficient, new TemperatureSchedule())),
        new("gumbel-st", 1e-3f, 0.01f, c => new GumbelSoftmaxChannel("gumbel-st", straightThrough: true, c.EntropyCoefficient, new TemperatureSchedule())),
        new("dense-marg", 1e-3f, 0.1f, c => new MarginalizationChannel("dense-marg", new SoftmaxMap(), c.EntropyCoefficient)),
        new("sparsemax-marg", 5e-3f, 0.1f, c => new MarginalizationChannel("sparsemax-marg", new SparsemaxMap(), c.EntropyCoefficient)),
        new("entmax-marg", 5e-3f, 0.1f, c => new MarginalizationChannel("entmax-marg", new Entmax15Map(), c.EntropyCoefficient)),
        // Published setting: no entropy bonus; a coefficient given in the scenario still applies to H(softmax(s)).
        new("hard-concrete", 1e-3f, 0f, c => new HardConcreteChannel("hard-concrete", c.EntropyCoefficient, new TemperatureSchedule())),
        new("gaussian-sparsemax", 1e-3f, 0f, c => new GaussianSparsemaxChannel("gaussian-sparsemax", c.EntropyCoefficient)),
    ];

    public static IReadOnlyList<string> Names => All.Select(m => m.Name).ToArray();

    public static Method Get(string name) =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new ArgumentException($"unknown method \"{name}\" (known: {string.Join(", ", Names)})");
}
