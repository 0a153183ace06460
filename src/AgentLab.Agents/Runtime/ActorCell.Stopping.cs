namespace AgentLab.Agents.Runtime;

/// <summary>
/// Stopping: no further messages, children stop first, then PostStop, then the parent and watchers are told.
/// Whatever is still in the mailbox, or arrives later, becomes a dead letter.
/// </summary>
internal sealed partial class ActorCell
{
    private int _stopRequested;
    private Exception? _terminationCause;

    /// <summary>From any thread: stop after the current message. The first request's cause wins.</summary>
    public void RequestStop(Exception? cause = null)
    {
        if (Interlocked.Exchange(ref _stopRequested, 1) != 0) return;
        SendSystem(new StopActor(cause));
        // An actor suspended by its own escalation would otherwise never get to the StopActor.
        Volatile.Read(ref _escalationOutcome)?.TrySetResult(false);
    }

    /// <param name="failed">true when stopping is the supervisor's answer to a failure: the parent gets <see cref="ChildFailed"/>.</param>
    private async Task StopAsync(Exception? cause, bool failed)
    {
        if (State >= ActorState.Stopping) return;
        State = ActorState.Stopping;
        Interlocked.Exchange(ref _stopRequested, 1);

        await StopChildrenAsync().ConfigureAwait(false);
        try
        {
            _actor.PostStop();
        }
        catch (Exception hookFailure)
        {
            System.Log($"PostStop of '{Path}' threw (ignored, the actor is stopped anyway): {ActorFailedException.Describe(hookFailure)}");
        }
        Terminate(cause, failed);
    }

    /// <summary>Stops every child and waits until all have terminated, children spawned meanwhile included.</summary>
    private async Task StopChildrenAsync()
    {
        while (!_children.IsEmpty)
        {
            var children = _children.Values.ToArray();
            foreach (var child in children) child.RequestStop();
            await Task.WhenAll(children.Select(c => c.Termination)).ConfigureAwait(false);
        }
    }

    private void Terminate(Exception? cause, bool failed)
    {
        _terminationCause = cause;
        Mailbox.Close();
        // Full fence: SendSystem enqueues, then reads the state; here the state is written, then the queue drained.
        Interlocked.Exchange(ref _state, (int)ActorState.Terminated);

        // Leave the parent's children first, so that the name is free when the parent hears about it.
        Parent?._children.TryRemove(new KeyValuePair<string, ActorCell>(Name, this));
        if (failed && Parent is not null)
            Parent.SendSystem(new DeliverToActor(new ChildFailed(Self, cause!), Self));
        NotifyWatchersAndForgetWatched(cause);
        _termination.TrySetResult();
        HandleSystemMessagesAfterTermination();
    }

    /// <summary>
    /// Answers system messages that reach an actor after it terminated. Safe from any thread: each queued message
    /// is dequeued, and so handled, exactly once.
    /// </summary>
    private void HandleSystemMessagesAfterTermination()
    {
        while (_systemMessages.TryDequeue(out var message))
        {
            switch (message)
            {
                case WatchedBy watched:
                    watched.Watcher.SendSystem(new WatchedActorTerminated(this, _terminationCause));
                    break;
                case DeliverToActor delivery:
                    System.PublishDeadLetter(delivery.Message, delivery.Sender, Path);
                    break;
                case ChildEscalated escalated:
                    escalated.Child.RequestStop(escalated.Cause);
                    break;
            }
        }
    }
}
