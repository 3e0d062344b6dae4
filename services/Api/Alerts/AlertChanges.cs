using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Access;
using Monitor.Hosting.Storage;
using Monitor.ReadModels.Alerts;

namespace Monitor.Api.Alerts;

/// <summary>
/// Turns the events that change a raised alert into the <see cref="AlertUpdate"/>s the alert stream sends:
/// one per alert concerned (a quiet spell's release concerns every alert it lists).
/// </summary>
internal static class AlertChanges
{
    public static readonly string[] EventTypes =
    [
        MonitorEventTypes.AlertAcknowledged, MonitorEventTypes.AlertHeld, MonitorEventTypes.HeldAlertsReleased,
        MonitorEventTypes.AlertDelivered, MonitorEventTypes.AlertDeliveryFailed, MonitorEventTypes.AlertDeliveryScheduled,
        MonitorEventTypes.AlertDeliveryRetrying,
    ];

    /// <summary>
    /// The alert whose stream <see cref="Of"/> needs to describe <paramref name="e"/>, or null. A delivery's update
    /// carries totals (deliveries so far, every failure so far) rather than the one delivery, so that a client
    /// that lost an update to a full queue is right again with the next.
    /// </summary>
    public static Guid? HistoryNeededFor(StoredEvent e) => e.Data switch
    {
        AlertDelivered d => d.AlertId,
        AlertDeliveryFailed f => f.AlertId,
        AlertDeliveryScheduled s => s.AlertId,
        AlertDeliveryRetrying r => r.AlertId,
        _ => null,
    };

    /// <param name="history">The alert's stream as read after <paramref name="e"/> was stored (events after it are not counted); empty when <see cref="HistoryNeededFor"/> was null.</param>
    public static IReadOnlyList<AlertUpdate> Of(StoredEvent e, IReadOnlyList<StoredEvent> history) => e.Data switch
    {
        AlertAcknowledged a => [new AlertUpdate(a.AlertId) { Acknowledged = new AlertAcknowledgement(a.By, a.At) }],
        AlertHeld h => [new AlertUpdate(h.AlertId) { Held = new AlertHold(h.Until, h.At) }],
        HeldAlertsReleased r => r.Release.Alerts.Select(a => a.AlertId).Distinct().Select(id => new AlertUpdate(id) { ReleasedAt = r.At }).ToArray(),
        AlertDelivered d => [new AlertUpdate(d.AlertId) { Deliveries = UpTo(e, history).Count(x => x.Data is AlertDelivered), Channels = ChannelsUpTo(e, history) }],
        AlertDeliveryFailed f => [new AlertUpdate(f.AlertId)
        {
            DeliveryFailures = UpTo(e, history).Select(x => x.Data).OfType<AlertDeliveryFailed>()
                .Select(x => new AlertDeliveryFailureView(x.ChannelId, x.ChannelKind, SecretMask.InText(x.Reason ?? ""), x.Attempts, x.At)).ToArray(),
            Channels = ChannelsUpTo(e, history),
        }],
        AlertDeliveryScheduled s => [new AlertUpdate(s.AlertId) { Channels = ChannelsUpTo(e, history) }],
        AlertDeliveryRetrying r => [new AlertUpdate(r.AlertId) { Channels = ChannelsUpTo(e, history) }],
        _ => [],
    };

    private static IReadOnlyList<AlertChannelDelivery> ChannelsUpTo(StoredEvent e, IReadOnlyList<StoredEvent> history) =>
        UpTo(e, history).Aggregate((IReadOnlyList<AlertChannelDelivery>)[], (channels, x) => AlertChannelDelivery.Apply(channels, x.Data))
            .Select(c => c.Reason is null ? c : c with { Reason = SecretMask.InText(c.Reason) }).ToArray();

    /// <summary>The alert's events before <paramref name="e"/>, then <paramref name="e"/> itself.</summary>
    private static IEnumerable<StoredEvent> UpTo(StoredEvent e, IReadOnlyList<StoredEvent> history) =>
        history.Where(x => x.StreamId == e.StreamId && x.Version < e.Version).Append(e);
}
