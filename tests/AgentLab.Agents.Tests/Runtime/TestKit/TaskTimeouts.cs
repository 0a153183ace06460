namespace AgentLab.Agents.Tests.Runtime.TestKit;

/// <summary>Bounds every wait in the tests, so that a lost message fails the test quickly instead of hanging the run.</summary>
internal static class TaskTimeouts
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    public static Task Soon(this Task task) => task.WaitAsync(Generous);

    public static Task<T> Soon<T>(this Task<T> task) => task.WaitAsync(Generous);
}
