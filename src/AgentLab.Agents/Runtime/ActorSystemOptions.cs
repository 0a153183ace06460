namespace AgentLab.Agents.Runtime;

/// <summary>Settings for an <see cref="ActorSystem"/>.</summary>
public sealed record ActorSystemOptions
{
    /// <summary>
    /// Where the runtime writes what it decided (failures, restarts, dead letters), one line at a time, from any thread.
    /// Defaults to standard error so that a failing agent is never silent; null turns logging off.
    /// </summary>
    public Action<string>? Log { get; init; } = static line => Console.Error.WriteLine(line);

    /// <summary>
    /// How the guardian supervises top-level actors. The default escalates: a top-level failure stops that actor
    /// and faults <see cref="ActorSystem.Failure"/>.
    /// </summary>
    public SupervisorStrategy GuardianStrategy { get; init; } = SupervisorStrategy.Escalating;

    /// <summary>The clock for restart windows; replaceable so that tests need not wait.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
