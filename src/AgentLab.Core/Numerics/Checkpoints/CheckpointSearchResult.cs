namespace AgentLab.Numerics;

/// <summary>
/// The outcome of <see cref="CheckpointDirectory.FindLatestValid"/>: the newest checkpoint that
/// read back cleanly (null if none did), its step, and one warning per newer file that was
/// skipped because it could not be read.
/// </summary>
public sealed record CheckpointSearchResult(Checkpoint? Checkpoint, long? Step, IReadOnlyList<string> Warnings)
{
    /// <summary>Whether a valid checkpoint was found.</summary>
    public bool Found => Checkpoint is not null;
}
