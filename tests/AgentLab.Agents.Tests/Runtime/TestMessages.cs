using AgentLab.Agents.Runtime;

namespace AgentLab.Agents.Tests.Runtime;

/// <summary>Message <paramref name="Sequence"/> of producer <paramref name="Sender"/>.</summary>
internal sealed record Numbered(int Sender, int Sequence);

/// <summary>Command: add <paramref name="Amount"/> to the running sum.</summary>
internal sealed record Add(int Amount);

/// <summary>Question: what is your running sum? Answered with an int.</summary>
internal sealed record GetSum
{
    public static readonly GetSum Instance = new();
}

/// <summary>Command: throw an <see cref="InvalidOperationException"/> with <paramref name="Reason"/>.</summary>
internal sealed record Fail(string Reason);

/// <summary>Command: yield the thread first, then throw — a failure on the asynchronous path.</summary>
internal sealed record FailAfterAwait(string Reason);

/// <summary>Command to a supervisor: spawn a child; answered with its <see cref="ActorRef"/>.</summary>
internal sealed record SpawnChild(string Name, Func<Actor> Factory);

/// <summary>Command to a supervisor: watch <paramref name="Actor"/>; answered with true once watching.</summary>
internal sealed record WatchActor(ActorRef Actor);
