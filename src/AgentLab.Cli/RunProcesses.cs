using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using AgentLab.Telemetry.Runs;

namespace AgentLab.Cli;

/// <summary>
/// One run of a comparison still to be trained: what `agentlab run` needs to train or resume it (its
/// overrides are the command's followed by its row's), and the row label it is reported under.
/// </summary>
internal sealed record PendingRun(string Label, string Method, long Seed, string Directory, IReadOnlyList<string> Overrides, bool Resume);

/// <summary>
/// `compare --jobs N` and `sweep --jobs N`: train the pending runs as `agentlab run` child processes, N at a time, each given
/// its share of the cores. Processes rather than threads because the BLAS thread count and the runtime's
/// processor count are per process, and N narrow runs side by side keep the cores busier than one wide
/// run (docs/PERFORMANCE.md, "compare --jobs"). Each child writes its output to RUNDIR/run.log. A failed run
/// does not stop the others; the failures are reported together once every run has ended.
/// </summary>
internal static class RunProcesses
{
    public const string LogFileName = "run.log";

    public static void Execute(string scenarioFile, IReadOnlyList<PendingRun> runs, int jobs)
    {
        int threads = Math.Max(1, Environment.ProcessorCount / jobs);
        var queue = new ConcurrentQueue<PendingRun>(runs);
        var running = new ConcurrentDictionary<Process, bool>();
        var failures = new ConcurrentQueue<string>();
        int started = 0;
        // A stopped comparison must not leave children training behind it: a re-run would then train the
        // same directory twice. Killed children resume from their last checkpoint next time.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => KillAll(running));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => KillAll(running));
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, _ => KillAll(running));
        var workers = Enumerable.Range(0, Math.Min(jobs, runs.Count)).Select(_ => Task.Run(() =>
        {
            while (queue.TryDequeue(out var run))
            {
                int number = Interlocked.Increment(ref started);
                string? failure;
                try { failure = RunOne(scenarioFile, run, threads, running, $"{number} of {runs.Count}"); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or RunStoreException)
                {
                    failure = $"{run.Label} seed {run.Seed} ({e.Message})";
                }
                if (failure != null) failures.Enqueue(failure);
            }
        })).ToArray();
        Task.WaitAll(workers);
        if (!failures.IsEmpty)
            throw new RunsFailedException(
                $"{failures.Count} of {runs.Count} runs failed: {string.Join("; ", failures)}. The comparison was not written; " +
                "run the same command again to retry them (finished runs are reused)");
    }

    /// <summary>Trains one run in a child process; returns null on success, else what failed and where its log is.</summary>
    private static string? RunOne(string scenarioFile, PendingRun run, int threads,
        ConcurrentDictionary<Process, bool> running, string position)
    {
        Directory.CreateDirectory(run.Directory);
        string logPath = Path.Combine(run.Directory, LogFileName);
        var info = ChildStartInfo(scenarioFile, run, threads);
        Console.Error.WriteLine($"agentlab: [{position}] {run.Label} seed {run.Seed} {(run.Resume ? "resumed" : "started")}, log {logPath}");
        var clock = Stopwatch.StartNew();
        using var log = TextWriter.Synchronized(new StreamWriter(logPath, append: true));
        using var process = new Process { StartInfo = info };
        string? lastError = null;
        process.OutputDataReceived += (_, e) => { if (e.Data != null) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data == null) return; log.WriteLine(e.Data); if (e.Data.Length > 0) lastError = e.Data; };
        process.Start();
        running[process] = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        running.TryRemove(process, out _);
        if (process.ExitCode != 0)
        {
            string reason = $"{run.Label} seed {run.Seed} (exit code {process.ExitCode}: {lastError ?? "no message"}; log {logPath})";
            Console.Error.WriteLine($"agentlab: [{position}] failed: {reason}");
            return reason;
        }
        var summary = new RunStore(run.Directory).ReadSummary();
        Console.Error.WriteLine($"agentlab: [{position}] {run.Label} seed {run.Seed} finished in {clock.Elapsed.TotalMinutes:F1} min: test success {summary.TestSuccess:F4}");
        return null;
    }

    /// <summary>`agentlab run SCENARIO --method M --seed S --set ... --out DIR [--resume DIR]`, limited to <paramref name="threads"/> cores.</summary>
    private static ProcessStartInfo ChildStartInfo(string scenarioFile, PendingRun run, int threads)
    {
        var (program, prefix) = SelfCommand();
        var info = new ProcessStartInfo(program)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        foreach (string a in prefix) info.ArgumentList.Add(a);
        foreach (string a in new[] { "run", scenarioFile, "--method", run.Method, "--seed", run.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(a);
        foreach (string o in run.Overrides) { info.ArgumentList.Add("--set"); info.ArgumentList.Add(o); }
        info.ArgumentList.Add("--out"); info.ArgumentList.Add(run.Directory);
        if (run.Resume) { info.ArgumentList.Add("--resume"); info.ArgumentList.Add(run.Directory); }
        string count = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["DOTNET_PROCESSOR_COUNT"] = count;
        info.Environment["OPENBLAS_NUM_THREADS"] = count;
        return info;
    }

    /// <summary>
    /// How to start this CLI again: its apphost when it runs as one, else `dotnet agentlab.dll` (also when
    /// it is hosted by something else, such as a test host).
    /// </summary>
    private static (string Program, string[] Prefix) SelfCommand()
    {
        string self = typeof(RunProcesses).Assembly.Location;
        string process = Environment.ProcessPath ?? "dotnet";
        if (Path.GetFileNameWithoutExtension(process) == Path.GetFileNameWithoutExtension(self)) return (process, []);
        string host = Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return (host, [self]);
    }

    private static void KillAll(ConcurrentDictionary<Process, bool> running)
    {
        Console.Error.WriteLine("agentlab: stopped; the runs in progress keep their last checkpoint and resume when the same command runs again");
        foreach (var process in running.Keys)
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { } // it has just exited
    }
}

/// <summary>Some runs of `compare --jobs N` failed; the message names each with its exit code and log.</summary>
internal sealed class RunsFailedException(string message) : Exception(message);
