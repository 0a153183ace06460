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
}
