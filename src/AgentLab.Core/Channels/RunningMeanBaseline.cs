using System.Globalization;
using AgentLab.Numerics;

namespace AgentLab.Channels;

/// <summary>
/// The reference's "runavg" baseline: the plain mean of all past batch-mean losses, 0 before the first
/// update, read before it is updated with the current batch.
/// </summary>
public sealed class RunningMeanBaseline
{
    public double Mean { get; private set; }
    public long Count { get; private set; }

    public void Update(double batchMeanLoss)
    {
        Count++;
        Mean += (batchMeanLoss - Mean) / Count;
    }

    public void Restore(double mean, long count)
    {
        Mean = mean;
        Count = count;
    }

    /// <summary>Writes the mean and count as checkpoint metadata under <paramref name="prefix"/>.</summary>
    public void Save(IDictionary<string, string> metadata, string prefix)
    {
        metadata[prefix + ".mean"] = Mean.ToString("R", CultureInfo.InvariantCulture);
        metadata[prefix + ".count"] = Count.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Restores what <see cref="Save"/> wrote.</summary>
    public void Restore(Checkpoint checkpoint, string prefix)
    {
        string meanKey = prefix + ".mean", countKey = prefix + ".count";
        if (!double.TryParse(checkpoint.GetMetadata(meanKey), NumberStyles.Float, CultureInfo.InvariantCulture, out double mean)
            || !long.TryParse(checkpoint.GetMetadata(countKey), NumberStyles.None, CultureInfo.InvariantCulture, out long count))
            throw new CheckpointException(checkpoint.Path, CheckpointErrorKind.Malformed, $"metadata \"{meanKey}\"/\"{countKey}\" do not hold a baseline");
        Restore(mean, count);
    }
}
