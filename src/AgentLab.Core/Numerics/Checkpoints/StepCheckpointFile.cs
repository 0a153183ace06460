namespace AgentLab.Numerics;

/// <summary>A checkpoint file in a <see cref="CheckpointDirectory"/> and the training step it holds.</summary>
public readonly record struct StepCheckpointFile(long Step, string Path);
