namespace AgentLab.Telemetry.Runs;

/// <summary>
/// A run-store file is missing or unreadable. The message always names the file, and the line for
/// a bad line of <c>metrics.jsonl</c>, so it can be shown to a user as it is.
/// </summary>
public sealed class RunStoreException : Exception
{
    public RunStoreException(string path, int? lineNumber, string problem, Exception? innerException = null)
        : base(lineNumber is int line ? $"{path}, line {line}: {problem}" : $"{path}: {problem}", innerException)
    {
        Path = path;
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>The file concerned.</summary>
    public string Path { get; }

    /// <summary>The 1-based line of the file at fault, when the problem is one line.</summary>
    public int? LineNumber { get; }

    /// <summary>The problem without the file and line prefix.</summary>
    public string Problem { get; }
}
