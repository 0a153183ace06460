namespace AgentLab.Agents.Runtime;

/// <summary>
/// Counts one child's restarts in a window that opens at the first restart and resets once it has elapsed.
/// Lives in the child and is touched only on the child's turn.
/// </summary>
internal struct RestartBudget
{
    private int _restartsInWindow;
    private long _windowStart;

    /// <summary>Takes one restart from the budget; false when the strategy's limit is already used up in this window.</summary>
    public bool TryTake(SupervisorStrategy strategy, TimeProvider clock)
    {
        long now = clock.GetTimestamp();
        if (_restartsInWindow == 0 || clock.GetElapsedTime(_windowStart, now) > strategy.Within)
        {
            _windowStart = now;
            _restartsInWindow = 0;
        }
        if (_restartsInWindow >= strategy.MaxRestarts) return false;
        _restartsInWindow++;
        return true;
    }
}
