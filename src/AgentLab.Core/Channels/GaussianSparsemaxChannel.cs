using AgentLab.Channels.MixedInformation;
using AgentLab.Channels.Pathwise;
using AgentLab.Numerics;

namespace AgentLab.Channels;

/// <summary>
/// Gaussian-Sparsemax messages (Farinhas et al. 2022; docs/ALGORITHMS.md §8.4): y = sparsemax(s + σn), n ~
/// N(0, I), σ = 1 as in the experiments (no temperature). The message is a sparse vector on a face of the
/// simplex, sent as the (index, value) entries of its support (nonzeros = the measured support size) and
/// differentiated pathwise through the sparsemax Jacobian at s + σn, which needs the receiver's cotangent
/// on the support only. <see cref="PathwiseVectorChannel.LastStatistics"/> carries a Monte Carlo
/// estimate of the messages' direct-sum entropy from their exact density (§8.4, §8.7).
/// </summary>
public sealed class GaussianSparsemaxChannel : PathwiseVectorChannel
{
    private readonly float _sigma;
    private float[] _normals = [], _perturbed = [];
    private double[] _logits = [], _message = [];

    public GaussianSparsemaxChannel(string name, float entropyCoefficient, float sigma = 1f) : base(name, entropyCoefficient)
    {
        if (!(sigma > 0f)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be positive");
        _sigma = sigma;
    }

    /// <summary>When set, supplies the standard normal noise n (game, coordinate) instead of the channel's stream.</summary>
    public Func<int, int, double>? ForcedNormals { get; set; }

    /// <summary>
    /// How many games of each training step enter the H⊕ estimate (the first ones; 0 turns it off). Each
    /// costs a 1-D quadrature over ~130 points with one log Φ per zero coordinate (a few ms at 256 symbols),
    /// so the default measures a few games per step rather than all of them; the estimate is a Monte Carlo
    /// mean either way.
    /// </summary>
    public int EntropyGames { get; init; } = 4;

    protected override void Resize(int batch, int vocab)
    {
        _normals = new float[vocab];
        _perturbed = new float[vocab];
        _logits = new double[vocab];
        _message = new double[vocab];
    }

    protected override void SampleRow(int game, ReadOnlySpan<float> scores, Span<float> message, ChannelContext context)
    {
        for (int i = 0; i < _normals.Length; i++)
            _normals[i] = ForcedNormals != null ? (float)ForcedNormals(game, i) : context.Rng.NextNormal();
        GaussianSparsemaxSample.Forward<float>(scores, _normals, _sigma, _perturbed, message);
    }

    protected override void AddRowVjp(int game, ReadOnlySpan<float> dMessage, Span<float> dScores) =>
        GaussianSparsemaxSample.AddVjp<float>(Messages.Row(game), dMessage, dScores);

    protected override (double MeanLogDensity, int Games) MeasureLogDensity(Tensor scores)
    {
        int games = Math.Min(EntropyGames, scores.Shape[0]);
        if (games == 0) return (double.NaN, 0);
        double sum = 0;
        for (int b = 0; b < games; b++)
        {
            var s = scores.Row(b);
            var y = Messages.Row(b);
            for (int i = 0; i < s.Length; i++) { _logits[i] = s[i]; _message[i] = y[i]; }
            sum += GaussianSparsemaxDensity.LogDensity(_message, _logits, _sigma);
        }
        return (sum / games, games);
    }
}
