using AgentLab.Numerics;

namespace AgentLab.Channels;

/// <summary>The step number (for schedules), the channel's own random stream (for samples and noise), and the games' candidates.</summary>
public sealed class ChannelContext(Rng rng)
{
    public Rng Rng { get; } = rng;

    /// <summary>Training steps completed before this one (0 at the first step).</summary>
    public long Step { get; set; }

    /// <summary>
    /// The features of the current games' candidates [B, G, F], for estimators whose baseline looks at
    /// the game (NVIL); set by the coordinator before each step.
    /// </summary>
    public Tensor? Candidates { get; set; }
}
