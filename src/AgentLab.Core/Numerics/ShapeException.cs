namespace AgentLab.Numerics;

/// <summary>A tensor shape does not fit an operation. The message names the op and the shapes involved.</summary>
public sealed class ShapeException(string message) : Exception(message);
