namespace AgentLab.Agents.Runtime;

/// <summary>
/// What happens when this actor's code throws: the parent's strategy decides, on this actor's turn.
/// Resume, Restart and Stop are carried out right here; Escalate suspends this actor until the parent's own
/// failure has been decided.
/// </summary>
internal sealed partial class ActorCell
{
    private RestartBudget _restartBudget;                      // turn-only
    private TaskCompletionSource<bool>? _escalationOutcome;    // true: resume; false: stop

    /// <summary>Never throws. <paramref name="escalation"/> is set when the failure is a child's escalated one.</summary>
    private async Task HandleFailureAsync(Exception cause, Envelope? failedEnvelope, ChildEscalated? escalation = null)
    {
        try
        {
            _currentSender = null;
            if (failedEnvelope?.Sender is AskPromiseRef asker) asker.Fail(new ActorFailedException(Path, cause));

            // The guardian has nobody to ask: the failure becomes the system's, and the escalating child stops.
            if (Parent is null)
            {
                System.ReportEscalatedFailure(cause as ActorFailedException ?? new ActorFailedException(Path, cause));
                escalation?.Child.RequestStop(escalation.Cause);
                return;
            }

            var strategy = Parent.StrategyForChildren;
            Directive directive = Decide(strategy, cause);
            switch (directive)
            {
                case Directive.Resume:
                    System.Log($"'{Path}' failed and resumes: {ActorFailedException.Describe(cause)}");
                    escalation?.Child.ResumeAfterEscalation();
                    break;
                case Directive.Restart when _restartBudget.TryTake(strategy, System.TimeProvider):
                    System.Log($"'{Path}' failed and restarts: {ActorFailedException.Describe(cause)}");
                    await RestartAsync(cause).ConfigureAwait(false);
                    break;
                case Directive.Restart:
                    System.Log($"'{Path}' failed and is stopped: more than {strategy.MaxRestarts} restarts within {strategy.Within}: {ActorFailedException.Describe(cause)}");
                    await StopAsync(cause, failed: true).ConfigureAwait(false);
                    break;
                case Directive.Stop:
                    System.Log($"'{Path}' failed and is stopped: {ActorFailedException.Describe(cause)}");
                    await StopAsync(cause, failed: true).ConfigureAwait(false);
                    break;
                default:
                    System.Log($"'{Path}' failed and escalates to '{Parent.Path}': {ActorFailedException.Describe(cause)}");
                    if (await EscalateAsync(cause).ConfigureAwait(false))
                        escalation?.Child.ResumeAfterEscalation();
                    // Otherwise a StopActor is queued; the next turn stops this actor and the suspended child with it.
                    break;
            }
        }
        catch (Exception fault)
        {
            System.ReportRuntimeFault(Path, fault);
        }
    }

    private Directive Decide(SupervisorStrategy strategy, Exception cause)
    {
        try
        {
            return strategy.Decide(cause);
        }
        catch (Exception deciderFailure)
        {
            // A broken decider must not hide the original failure: escalate it, and log why nobody here could decide.
            System.Log($"The supervisor strategy of '{Parent!.Path}' threw deciding about '{Path}': {ActorFailedException.Describe(deciderFailure)}");
            return Directive.Escalate;
        }
    }

    private async Task RestartAsync(Exception cause)
    {
        // The fresh instance starts from nothing, children included (it re-creates them in PreStart if it wants them).
        // They stop before PreRestart, as they do before PostStop, so its default (PostStop) sees the same world.
        var children = _children.Values.ToArray();
        await StopChildrenAsync().ConfigureAwait(false);
        // Their Terminated would reach the fresh instance, which never knew them.
        foreach (var child in children) _watching?.Remove(child);

        var failed = _actor;
        try
        {
            failed.PreRestart(cause);
        }
        catch (Exception hookFailure)
        {
            System.Log($"PreRestart of '{Path}' threw (ignored, the instance is being replaced): {ActorFailedException.Describe(hookFailure)}");
        }

        Actor fresh;
        try
        {
            (fresh, var strategy) = CreateInstance();
            if (ReferenceEquals(fresh, failed))
                throw new InvalidOperationException($"The factory of '{Path}' returned the failed instance again; it must create a new one.");
            _actor = fresh;
            _strategyForChildren = strategy;
        }
        catch (Exception creationFailure)
        {
            System.Log($"'{Path}' could not be re-created and is stopped: {ActorFailedException.Describe(creationFailure)}");
            await StopAsync(creationFailure, failed: true).ConfigureAwait(false);
            return;
        }

        try
        {
            fresh.PostRestart(cause);
        }
        catch (Exception hookFailure)
        {
            // Counts against the restart budget like any failure, so a PostRestart that always throws ends in a stop.
            await HandleFailureAsync(hookFailure, failedEnvelope: null).ConfigureAwait(false);
        }
    }

    /// <summary>Suspends this actor's turn until the parent's failure is decided; true means resume.</summary>
    private async Task<bool> EscalateAsync(Exception cause)
    {
        var outcome = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Full fences on both sides (here and in RequestStop): a concurrent stop either sees the outcome or we see the stop.
        Interlocked.Exchange(ref _escalationOutcome, outcome);
        if (Volatile.Read(ref _stopRequested) != 0) outcome.TrySetResult(false);
        Parent!.SendSystem(new ChildEscalated(this, cause));
        bool resume = await outcome.Task.ConfigureAwait(false);
        Interlocked.Exchange(ref _escalationOutcome, null);
        return resume;
    }

    /// <summary>The parent resumed after this actor's escalation: this actor resumes too.</summary>
    private void ResumeAfterEscalation() => Volatile.Read(ref _escalationOutcome)?.TrySetResult(true);

    /// <summary>A child escalated: this actor fails with the child's exception, naming the child.</summary>
    private Task OnChildEscalatedAsync(ChildEscalated escalated)
    {
        if (State != ActorState.Running)
        {
            // Already on the way out; the child is stopped with us.
            escalated.Child.RequestStop(escalated.Cause);
            return Task.CompletedTask;
        }
        return HandleFailureAsync(new ActorFailedException(escalated.Child.Path, escalated.Cause), failedEnvelope: null, escalated);
    }
}
