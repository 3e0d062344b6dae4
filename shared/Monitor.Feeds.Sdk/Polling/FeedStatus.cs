namespace Monitor.Feeds.Sdk.Polling;

/// <summary>The feed's state as its health check and logs report it. Thread-safe snapshot swaps.</summary>
public sealed class FeedStatus
{
    private volatile Snapshot _current = new(false, 0, null, null, 0, 0, 0);

    public Snapshot Current => _current;

    public void Registered() => _current = _current with { Registered = true };

    public void Succeeded(CycleResult result, DateTimeOffset at) => _current = _current with
    {
        ConsecutiveFailures = 0,
        LastFailure = null,
        LastSuccessAt = at,
        Cycles = _current.Cycles + 1,
        Published = _current.Published + result.Published,
        Quarantined = _current.Quarantined + result.Quarantined,
    };

    public void Failed(string reason) => _current = _current with
    {
        ConsecutiveFailures = _current.ConsecutiveFailures + 1,
        LastFailure = reason,
        Cycles = _current.Cycles + 1,
    };

    /// <param name="Published">Items published since the process started.</param>
    /// <param name="Quarantined">Items quarantined since the process started.</param>
    public sealed record Snapshot(
        bool Registered,
        int ConsecutiveFailures,
        string? LastFailure,
        DateTimeOffset? LastSuccessAt,
        long Cycles,
        long Published,
        long Quarantined);
}
