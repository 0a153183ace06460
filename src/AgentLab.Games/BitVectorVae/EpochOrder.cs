using AgentLab.Numerics;

namespace AgentLab.Games.BitVectorVae;

/// <summary>
/// The training images' order: a fresh permutation per epoch drawn from the run seed and the epoch number
/// alone, split into floor(N / B) batches (the last partial batch is dropped), so the batch of any step can
/// be recomputed after a resume without replaying the run.
/// </summary>
public sealed class EpochOrder
{
    private readonly long _seed;
    private readonly int _batch;
    private readonly int[] _permutation;
    private long _epoch = -1;

    public EpochOrder(long seed, int images, int batch)
    {
        if (batch < 1 || batch > images) throw new ArgumentOutOfRangeException(nameof(batch), batch, $"must be in [1, {images}]");
        _seed = seed;
        _batch = batch;
        _permutation = new int[images];
        BatchesPerEpoch = images / batch;
    }

    public int BatchesPerEpoch { get; }

    /// <summary>The image indices of training step <paramref name="step"/> (0-based).</summary>
    public ReadOnlySpan<int> Batch(long step)
    {
        long epoch = step / BatchesPerEpoch;
        if (epoch != _epoch)
        {
            for (int i = 0; i < _permutation.Length; i++) _permutation[i] = i;
            new Rng((ulong)_seed).Split(0xE90C0000UL + (ulong)epoch).Shuffle(_permutation.AsSpan());
            _epoch = epoch;
        }
        return _permutation.AsSpan((int)(step % BatchesPerEpoch) * _batch, _batch);
    }
}
