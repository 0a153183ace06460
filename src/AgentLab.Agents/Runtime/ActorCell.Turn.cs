namespace AgentLab.Agents.Runtime;

/// <summary>One turn: the mailbox hands over one envelope; pending system messages go first.</summary>
internal sealed partial class ActorCell
{
    /// <summary>
    /// The mailbox's single-threaded callback. Must never throw: a faulted block would drop every queued message.
    /// </summary>
    internal Task TakeTurnAsync(Envelope envelope)
    {
        // The hot path — a running actor, nothing from the runtime pending — costs a check and a virtual call.
        if (State == ActorState.Running && _systemMessages.IsEmpty && envelope.Message is not WakeUp)
            return InvokeReceiveAsync(envelope);
        return TakeTurnWithSystemMessagesAsync(envelope);
    }

    private async Task TakeTurnWithSystemMessagesAsync(Envelope envelope)
    {
        try
        {
            await HandleSystemMessagesAsync().ConfigureAwait(false);
            if (envelope.Message is WakeUp) return;
            if (State == ActorState.Running)
                await InvokeReceiveAsync(envelope).ConfigureAwait(false);
            else
                System.PublishDeadLetter(envelope.Message, envelope.Sender, Path);
        }
        catch (Exception fault)
        {
            System.ReportRuntimeFault(Path, fault);
        }
    }

    private Task InvokeReceiveAsync(Envelope envelope)
    {
        _currentSender = envelope.Sender;
        try
        {
            Task handling = _actor.ReceiveAsync(envelope.Message);
            if (handling.IsCompletedSuccessfully)
            {
                _currentSender = null;
                return Task.CompletedTask;
            }
            return AwaitReceiveAsync(handling, envelope);
        }
        catch (Exception failure)
        {
            return HandleFailureAsync(failure, envelope);
        }
    }

    private async Task AwaitReceiveAsync(Task handling, Envelope envelope)
    {
        try
        {
            await handling.ConfigureAwait(false);
            _currentSender = null;
        }
        catch (Exception failure)
        {
            await HandleFailureAsync(failure, envelope).ConfigureAwait(false);
        }
    }

    private async Task HandleSystemMessagesAsync()
    {
        while (State != ActorState.Terminated && _systemMessages.TryDequeue(out var message))
        {
            switch (message)
            {
                case StartActor:
                    await StartAsync().ConfigureAwait(false);
                    break;
                case StopActor stop:
                    await StopAsync(stop.Cause, failed: false).ConfigureAwait(false);
                    break;
                case WatchedBy watched:
                    AddWatcher(watched.Watcher);
                    break;
                case UnwatchedBy unwatched:
                    RemoveWatcher(unwatched.Watcher);
                    break;
                case WatchedActorTerminated terminated:
                    await OnWatchedActorTerminatedAsync(terminated).ConfigureAwait(false);
                    break;
                case DeliverToActor delivery:
                    await DeliverAsync(delivery).ConfigureAwait(false);
                    break;
                case ChildEscalated escalated:
                    await OnChildEscalatedAsync(escalated).ConfigureAwait(false);
                    break;
            }
        }
        if (State == ActorState.Terminated) HandleSystemMessagesAfterTermination();
    }

    private async Task StartAsync()
    {
        if (State != ActorState.Starting) return;
        State = ActorState.Running;
        try
        {
            _actor.PreStart();
        }
        catch (Exception failure)
        {
            await HandleFailureAsync(failure, failedEnvelope: null).ConfigureAwait(false);
        }
    }

    private Task DeliverAsync(DeliverToActor delivery)
    {
        if (State == ActorState.Running) return InvokeReceiveAsync(new Envelope(delivery.Message, delivery.Sender));
        System.PublishDeadLetter(delivery.Message, delivery.Sender, Path);
        return Task.CompletedTask;
    }
}
