using Monitor.EventStore;

namespace Monitor.Api.Alerts;

/// <summary>
/// Which transactions had committed when a client connected (PostgreSQL's <c>pg_current_snapshot()</c>): an event
/// is stored before connecting when its transaction is older than every one still open (<see cref="Xmin"/>), or older
/// than <see cref="Xmax"/> and not among those still open. A log position alone cannot say so: the log is read only
/// below the oldest open transaction, and events committed above it before the client connected are not after it.
/// </summary>
internal sealed record LogSnapshot(ulong Xmin, ulong Xmax, IReadOnlySet<ulong> InProgress)
{
    public bool Saw(GlobalPosition position) =>
        position.TxId < Xmin || (position.TxId < Xmax && !InProgress.Contains(position.TxId));
}
