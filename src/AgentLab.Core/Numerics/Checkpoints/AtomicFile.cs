namespace AgentLab.Numerics;

/// <summary>
/// Replaces a file so that readers, and a crash at any moment, see either the complete old
/// content or the complete new content, never a mixture: checkpoints, and the run store's summaries and
/// reports (a half-written result would be worse than none, because it looks like one).
/// </summary>
public static class AtomicFile
{
    private static readonly System.Text.UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The temporary file a write in this process goes through before it is renamed.</summary>
    public static string TempPathFor(string path) => path + ".tmp-" + Environment.ProcessId;

    /// <summary>
    /// Writes to <c>path.tmp-&lt;pid&gt;</c> in the same directory (a rename is only atomic within
    /// one file system), forces the bytes to disk, then renames over <paramref name="path"/>.
    /// The data is durable before the rename, so even after a power loss the name points at
    /// either the old or the new complete file. (.NET cannot fsync the directory itself, so
    /// after a power loss the rename may be lost and the old file remain — still consistent.)
    /// On failure the temporary file is removed and the old file is untouched.
    /// </summary>
    public static void Write(string path, Action<Stream> writeContent)
    {
        string tempPath = TempPathFor(path);
        try
        {
            using (var stream = new FileStream(tempPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                writeContent(stream);
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

    /// <summary>Writes text as UTF-8 (no byte-order mark) the same way: summaries, reports, metrics rewrites.</summary>
    public static void WriteAllText(string path, string text) => Write(path, stream => stream.Write(Utf8WithoutBom.GetBytes(text)));

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { /* best effort: a stale temp file is harmless and never read */ }
        catch (UnauthorizedAccessException) { }
    }
}
