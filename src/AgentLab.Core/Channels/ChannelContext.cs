using AgentLab.Numerics;

namespace AgentLab.Channels;

/// <summary>The step number (for schedules) and the channel's own random stream (for samples and noise).</summary>
public sealed class ChannelContext(Rng rng)
{
    public Rng Rng { get; } = rng;

    /// <summary>Training steps completed before this one (0 at the first step).</summary>
    public long Step { get; set; }
}
