using System.Text;

namespace AgentLab.Telemetry.Files;

/// <summary>
/// Replaces a file so that a reader, or a crash at any moment, sees either the complete old content
/// or the complete new content, never a mixture: a half-written summary or report would be worse
/// than none, because it looks like a result.
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes <paramref name="text"/> as UTF-8 to a temporary file beside <paramref name="path"/>
    /// (a rename is only atomic within one file system), forces it to disk, then renames it over
    /// <paramref name="path"/>. On failure the temporary file is removed and the old file is untouched.
    /// </summary>
    public static void WriteAllText(string path, string text)
    {
        string tempPath = path + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var stream = new FileStream(tempPath, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(Utf8WithoutBom.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
            File.Move(tempPath, path, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { /* best effort: a stale temp file is harmless and never read */ }
        catch (UnauthorizedAccessException) { }
    }
}
