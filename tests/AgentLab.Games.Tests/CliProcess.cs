using System.Diagnostics;

namespace AgentLab.Games.Tests;

/// <summary>The agentlab CLI (its agentlab.dll beside the tests) as a child process, the way a user runs it.</summary>
internal static class CliProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "agentlab.dll");

    /// <summary>Starts the CLI and drains its output in the background (for tests that stop it part-way).</summary>
    public static Process Start(string cli, string arguments)
    {
        var process = Process.Start(Info(cli, arguments))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs the CLI to the end: its exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Output, string Error) Run(string cli, string arguments)
    {
        using var process = Process.Start(Info(cli, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    private static ProcessStartInfo Info(string cli, string arguments) => new("dotnet", $"{cli} {arguments}")
    {
        RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
    };
}
