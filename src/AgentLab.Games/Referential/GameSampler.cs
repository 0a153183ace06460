using AgentLab.Games.Data;
using AgentLab.Numerics;

namespace AgentLab.Games.Referential;

/// <summary>Draws single games (which images, in which receiver order) and writes them into a batch.</summary>
public sealed class GameSampler
{
    private readonly FeatureMatrix _features;
    private readonly int _candidates;
    private readonly int[][]? _byClass;
    private readonly int[] _images, _order, _classes;

    public GameSampler(FeatureMatrix features, int[]? labels, int candidates)
    {
        if (candidates < 2) throw new ArgumentOutOfRangeException(nameof(candidates), $"a game needs at least 2 candidates, got {candidates}");
        if (features.Rows < candidates)
            throw new ArgumentException($"a game of {candidates} distinct images needs at least {candidates} images, the data has {features.Rows}");
        _features = features;
        _candidates = candidates;
        if (labels != null)
        {
            if (labels.Length != features.Rows) throw new ArgumentException($"{labels.Length} labels for {features.Rows} feature rows");
            var groups = Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
            if (groups.Length >= candidates) _byClass = groups;
        }
        _images = new int[candidates];
        _order = new int[candidates];
        _classes = new int[candidates];
    }

    /// <summary>True when games draw one image from each of G distinct classes (the paper's rule).</summary>
    public bool DistinctClasses => _byClass != null;

    /// <summary>Draws a game: images[0] is the target; order is a random permutation of the G slots.</summary>
    public void Draw(Rng rng, Span<int> images, Span<int> order)
    {
        if (_byClass != null)
        {
            rng.SampleWithoutReplacement(_byClass.Length, _candidates, _classes);
            for (int i = 0; i < _candidates; i++) images[i] = _byClass[_classes[i]][rng.NextInt(_byClass[_classes[i]].Length)];
        }
        else rng.SampleWithoutReplacement(_features.Rows, _candidates, images);
        for (int i = 0; i < _candidates; i++) order[i] = i;
        rng.Shuffle(order);
    }

    /// <summary>Draws a fresh batch of training games.</summary>
    public void DrawBatch(Rng rng, GameBatch batch)
    {
        for (int b = 0; b < batch.Size; b++)
        {
            Draw(rng, _images, _order);
            Fill(_features, _images, _order, batch, b);
        }
    }

    internal static void Fill(FeatureMatrix features, ReadOnlySpan<int> images, ReadOnlySpan<int> order, GameBatch batch, int b)
    {
        int f = features.Columns, g = images.Length;
        features.Row(images[0]).CopyTo(batch.Targets.Row(b));
        for (int i = 0; i < g; i++)
        {
            features.Row(images[order[i]]).CopyTo(batch.Candidates.Data.AsSpan((b * g + i) * f, f));
            if (order[i] == 0) batch.TargetIndex[b] = i;
        }
    }
}
