namespace AgentLab.Games.Data;

/// <summary>
/// A data file is missing or unusable. The message always names the file and says what is wrong
/// (and, for files a package provides, how to install it), so it can be shown to a user as it is.
/// </summary>
public sealed class DatasetException : Exception
{
    public DatasetException(string message) : base(message) { }

    public DatasetException(string message, Exception innerException) : base(message, innerException) { }
}
