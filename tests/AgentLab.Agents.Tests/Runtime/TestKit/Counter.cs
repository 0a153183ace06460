namespace AgentLab.Agents.Tests.Runtime.TestKit;

/// <summary>A thread-safe count, e.g. of how many times a factory ran.</summary>
internal sealed class Counter
{
    private int _value;

    public int Value => Volatile.Read(ref _value);

    public int Increment() => Interlocked.Increment(ref _value);
}
