namespace AgentLab.TestSupport;

/// <summary>
/// A fresh directory under the system temp folder, deleted with everything in it on dispose. One source file,
/// compiled into each test project (see the test .csproj files), so the test projects need no shared assembly.
/// </summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "agentlab-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not turn a passing test into a failing one.
        }
    }
}
