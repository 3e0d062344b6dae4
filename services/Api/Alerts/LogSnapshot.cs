using Monitor.EventStore;

namespace Monitor.Api.Alerts;

/// <summary>
/// Which events had committed when a client connected: every one up to Marten's high water mark, and above it those
/// whose rows the connecting statement could see. A mark alone cannot say so: events commit above it before the
/// daemon moves it, and a sequence number above it may belong to a transaction still open.
/// </summary>
internal sealed record LogSnapshot(long Mark, IReadOnlySet<long> CommittedAbove)
{
    public bool Saw(GlobalPosition position) => position.SeqId <= Mark || CommittedAbove.Contains(position.SeqId);
}
