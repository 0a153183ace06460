using AgentLab.Games.Data;
using AgentLab.Numerics;

namespace AgentLab.Games.Referential;

/// <summary>
/// Games drawn from a feature matrix, as index lists: per game the G distinct images (slot 0 the target)
/// and the order the receiver sees them in. A fixed set (validation, test) is drawn once from a fixed
/// seed, so every method and seed is scored on the very same games (paired comparisons).
/// When labels are given and there are at least G classes, the G images come from G distinct classes as in
/// the paper; otherwise (Fashion-MNIST has 10 classes for 16 candidates) they are G distinct images.
/// </summary>
public sealed class GameSet
{
    private readonly FeatureMatrix _features;
    private readonly int[] _images;   // [games, G]: sender slots, slot 0 = target
    private readonly int[] _order;    // [games, G]: receiver slot i shows sender slot _order[i]

    private GameSet(FeatureMatrix features, int candidates, int[] images, int[] order)
    {
        _features = features;
        CandidateCount = candidates;
        _images = images;
        _order = order;
    }

    public int Count => _images.Length / CandidateCount;
    public int CandidateCount { get; }

    public static GameSet Draw(FeatureMatrix features, int[]? labels, int games, int candidates, Rng rng)
    {
        var sampler = new GameSampler(features, labels, candidates);
        var images = new int[games * candidates];
        var order = new int[games * candidates];
        for (int g = 0; g < games; g++)
            sampler.Draw(rng, images.AsSpan(g * candidates, candidates), order.AsSpan(g * candidates, candidates));
        return new GameSet(features, candidates, images, order);
    }

    /// <summary>Copies games [start, start + batch.Size) into the batch (the last batch may be partial: returns its size).</summary>
    public int Fill(GameBatch batch, int start)
    {
        int n = Math.Min(batch.Size, Count - start);
        for (int b = 0; b < n; b++)
            GameSampler.Fill(_features, _images.AsSpan((start + b) * CandidateCount, CandidateCount),
                _order.AsSpan((start + b) * CandidateCount, CandidateCount), batch, b);
        return n;
    }
}
