using System.Globalization;

namespace AgentLab.Numerics;

/// <summary>
/// The checkpoints of one run: files named <c>step-000100.ckpt</c> in one directory. Saves
/// atomically, keeps only the newest <see cref="KeepLast"/> files, and on resume finds the
/// newest file that still reads back cleanly. Other files in the directory (including leftover
/// <c>.tmp-&lt;pid&gt;</c> files from interrupted writes) are ignored.
/// </summary>
public sealed class CheckpointDirectory
{
    private const string Prefix = "step-";
    private const string Extension = ".ckpt";

    /// <param name="directoryPath">Where the run's checkpoints live; created on first save.</param>
    /// <param name="keepLast">How many of the newest checkpoints to keep (at least 1).</param>
    public CheckpointDirectory(string directoryPath, int keepLast = 3)
    {
        ArgumentException.ThrowIfNullOrEmpty(directoryPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(keepLast, 1);
        DirectoryPath = directoryPath;
        KeepLast = keepLast;
    }

    public string DirectoryPath { get; }

    public int KeepLast { get; }

    /// <summary>The file name for a step: zero-padded to six digits so names sort like steps.</summary>
    public string PathForStep(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return Path.Combine(DirectoryPath, Prefix + step.ToString("D6", CultureInfo.InvariantCulture) + Extension);
    }

    /// <summary>
    /// Writes the checkpoint for <paramref name="step"/> atomically, then deletes the oldest
    /// files beyond <see cref="KeepLast"/> (never the one just written). Returns its path.
    /// </summary>
    public string Save(long step, IReadOnlyList<CheckpointEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        string path = PathForStep(step);
        Directory.CreateDirectory(DirectoryPath);
        CheckpointFile.Write(path, entries, metadata);
        Prune(keep: path);
        return path;
    }

    /// <summary>The checkpoint files present, oldest step first.</summary>
    public IReadOnlyList<StepCheckpointFile> List()
    {
        if (!Directory.Exists(DirectoryPath)) return [];
        var files = new List<StepCheckpointFile>();
        foreach (string path in Directory.EnumerateFiles(DirectoryPath, Prefix + "*" + Extension))
        {
            if (TryParseStep(Path.GetFileName(path), out long step))
                files.Add(new StepCheckpointFile(step, path));
        }
        files.Sort((a, b) => a.Step != b.Step ? a.Step.CompareTo(b.Step) : string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    /// <summary>
    /// Reads checkpoints from the newest step backwards and returns the first that is valid.
    /// Each newer file that fails (corrupt, truncated, unreadable) is skipped and reported in
    /// <see cref="CheckpointSearchResult.Warnings"/>; the files themselves are left alone for
    /// inspection.
    /// </summary>
    public CheckpointSearchResult FindLatestValid()
    {
        var warnings = new List<string>();
        var files = List();
        for (int i = files.Count - 1; i >= 0; i--)
        {
            try
            {
                return new CheckpointSearchResult(CheckpointFile.Read(files[i].Path), files[i].Step, warnings);
            }
            catch (CheckpointException e)
            {
                warnings.Add($"skipped step {files[i].Step}: {e.Message}");
            }
        }
        return new CheckpointSearchResult(null, null, warnings);
    }

    /// <summary>
    /// Deletes all but the <see cref="KeepLast"/> newest checkpoint files (by step); returns the
    /// deleted paths. Validity is not checked here, so keep <see cref="KeepLast"/> above 1 if a
    /// corrupt newest file must not cost you every good one.
    /// </summary>
    public IReadOnlyList<string> Prune() => Prune(keep: null);

    private List<string> Prune(string? keep)
    {
        var files = List();
        var deleted = new List<string>();
        int excess = files.Count - KeepLast;
        for (int i = 0; i < files.Count && deleted.Count < excess; i++)
        {
            // If a resumed run saves below an existing newer step, the file just written is among
            // the oldest by step; it is the one we know is good, so it always survives.
            if (files[i].Path == keep) continue;
            if (TryDelete(files[i].Path)) deleted.Add(files[i].Path);
            else excess--; // undeletable now; the next prune tries again
        }
        return deleted;
    }

    // A failed delete must not turn a successful save into an exception.
    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    private static bool TryParseStep(string fileName, out long step)
    {
        step = -1;
        if (!fileName.StartsWith(Prefix, StringComparison.Ordinal) || !fileName.EndsWith(Extension, StringComparison.Ordinal))
            return false;
        var digits = fileName.AsSpan(Prefix.Length, fileName.Length - Prefix.Length - Extension.Length);
        foreach (char c in digits)
            if (!char.IsAsciiDigit(c)) return false;
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out step);
    }
}
