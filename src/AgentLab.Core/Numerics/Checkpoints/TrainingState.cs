namespace AgentLab.Numerics;

/// <summary>
/// Puts a learner's parameters, optimizer state and random streams into checkpoint entries and metadata,
/// and back. Non-finite parameters are refused on the way in, so a diverged run never overwrites its last
/// good checkpoint.
/// </summary>
public static class TrainingState
{
    public static void AddParameters(ICollection<CheckpointEntry> entries, IEnumerable<Parameter> parameters, long step)
    {
        foreach (var p in parameters)
        {
            NonFiniteException.ThrowIfNonFinite(p.Value.Data, p.Name, step);
            entries.Add(new CheckpointEntry(p.Name, p.Shape, (float[])p.Value.Data.Clone()));
        }
    }

    public static void LoadParameters(Checkpoint checkpoint, IEnumerable<Parameter> parameters)
    {
        foreach (var p in parameters) checkpoint.CopyTo(p.Name, p.Shape, p.Value.Data);
    }

    /// <summary>Optimizer moments as entries, its step count as metadata "{prefix}.steps".</summary>
    public static void AddOptimizer(ICollection<CheckpointEntry> entries, IDictionary<string, string> metadata, Optimizer optimizer, string prefix)
    {
        foreach (var (name, value) in optimizer.State())
            entries.Add(new CheckpointEntry(prefix + "." + name, value.Shape, (float[])value.Data.Clone()));
        metadata[prefix + ".steps"] = optimizer.StepCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void LoadOptimizer(Checkpoint checkpoint, Optimizer optimizer, string prefix)
    {
        string key = prefix + ".steps";
        string text = checkpoint.GetMetadata(key);
        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long steps))
            throw new CheckpointException(checkpoint.Path, CheckpointErrorKind.Malformed, $"metadata \"{key}\" is \"{text}\", expected a step count");
        optimizer.LoadState(steps, (name, value) => checkpoint.CopyTo(prefix + "." + name, value.Shape, value.Data));
    }

    public static void AddRng(IDictionary<string, string> metadata, string key, Rng rng) => metadata[key] = rng.GetState().ToString();

    public static void LoadRng(Checkpoint checkpoint, string key, Rng rng)
    {
        string text = checkpoint.GetMetadata(key);
        try { rng.SetState(RngState.Parse(text)); }
        catch (FormatException e) { throw new CheckpointException(checkpoint.Path, CheckpointErrorKind.Malformed, $"metadata \"{key}\" is not a generator state: {e.Message}"); }
    }
}
