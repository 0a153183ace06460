using AgentLab.Numerics;

namespace AgentLab.Agents.Referential;

/// <summary>How the (sender, receiver) pair of each batch is chosen in a population.</summary>
public enum PairingMode
{
    /// <summary>A pair drawn uniformly at random from a seeded stream for every batch.</summary>
    Uniform,
    /// <summary>Every pair in turn, sender-major: (0,0), (0,1), …, (N−1, M−1), then again.</summary>
    Sweep,
}

/// <summary>
/// The pairing schedule of an N senders × M receivers population. The pair depends only on the step and
/// the pairing stream, so a population run is reproducible and resumes exactly (the stream is checkpointed
/// by its owner).
/// </summary>
public sealed class PopulationPairing(int senders, int receivers, PairingMode mode, Rng rng)
{
    public int Senders { get; } = senders >= 1 ? senders : throw new ArgumentOutOfRangeException(nameof(senders), $"a population needs at least one sender, got {senders}");
    public int Receivers { get; } = receivers >= 1 ? receivers : throw new ArgumentOutOfRangeException(nameof(receivers), $"a population needs at least one receiver, got {receivers}");
    public PairingMode Mode { get; } = mode;
    public Rng Rng { get; } = rng;

    /// <summary>The pair for the batch of this step (0-based).</summary>
    public (int Sender, int Receiver) PairFor(long step)
    {
        if (Mode == PairingMode.Sweep)
        {
            long k = step % ((long)Senders * Receivers);
            return ((int)(k / Receivers), (int)(k % Receivers));
        }
        int pair = Rng.NextInt(Senders * Receivers);
        return (pair / Receivers, pair % Receivers);
    }
}
