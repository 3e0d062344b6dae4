namespace Monitor.Feeds.Sdk.Polling;

/// <summary>The feed's state as its health check and logs report it. Thread-safe snapshot swaps.</summary>
public sealed class FeedStatus
{
    private volatile Snapshot _current = new(false, 0, null, null, 0, 0, 0, false);

    public Snapshot Current => _current;

    public void Registered() => _current = _current with { Registered = true };

    public void Succeeded(CycleResult result, DateTimeOffset at) => _current = _current with
    {
        ConsecutiveFailures = 0,
        LastFailure = null,
        NotConfigured = false,
        LastSuccessAt = at,
        Cycles = _current.Cycles + 1,
        Published = _current.Published + result.Published,
        Quarantined = _current.Quarantined + result.Quarantined,
        PagesRefused = _current.PagesRefused + result.PagesRefused,
        LastCyclePagesRefused = result.PagesRefused,
        LastPageRefused = result.LastPageRefused,
    };

    /// <param name="notConfigured">The feed lacks a setting (the reason says which), rather than its source failing.</param>
    public void Failed(string reason, bool notConfigured = false) => _current = _current with
    {
        ConsecutiveFailures = _current.ConsecutiveFailures + 1,
        LastFailure = reason,
        NotConfigured = notConfigured,
        Cycles = _current.Cycles + 1,
    };

    /// <param name="Published">Items published since the process started.</param>
    /// <param name="Quarantined">Items quarantined since the process started.</param>
    /// <param name="PagesRefused">Pages refused whole since the process started.</param>
    /// <param name="LastCyclePagesRefused">Pages refused whole in the last good cycle.</param>
    /// <param name="LastPageRefused">Why the last page of the last good cycle that was refused was refused.</param>
    public sealed record Snapshot(
        bool Registered,
        int ConsecutiveFailures,
        string? LastFailure,
        DateTimeOffset? LastSuccessAt,
        long Cycles,
        long Published,
        long Quarantined,
        bool NotConfigured = false,
        long PagesRefused = 0,
        int LastCyclePagesRefused = 0,
        string? LastPageRefused = null);
}
