namespace AgentLab.Numerics;

/// <summary>
/// The one exception type for every checkpoint problem, so callers need a single catch. The
/// message always reads <c>checkpoint &lt;path&gt;: &lt;problem&gt;</c>.
/// </summary>
public sealed class CheckpointException : Exception
{
    public CheckpointException(string path, CheckpointErrorKind kind, string problem, Exception? innerException = null)
        : base($"checkpoint {path}: {problem}", innerException)
    {
        Path = path;
        Kind = kind;
        Problem = problem;
    }

    /// <summary>The checkpoint file concerned.</summary>
    public string Path { get; }

    /// <summary>The category of the problem.</summary>
    public CheckpointErrorKind Kind { get; }

    /// <summary>The problem without the path prefix.</summary>
    public string Problem { get; }
}
