using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.ReadModels.Alerts;

/// <summary>
/// <c>rm_alerts</c>: one document per alert stream (AlertRaised, AlertAcknowledged, AlertDeliveryScheduled, AlertDelivered,
/// AlertDeliveryRetrying, AlertDeliveryFailed, AlertHeld), and HeldAlertsReleased, from a stream of its own, marks every alert it lists as released.
/// </summary>
public sealed class AlertsProjection(ReadModelTables tables)
    : DocumentProjection<AlertDocument>(tables.Schema, ReadModelTables.AlertsTable, Parameters.Json)
{
    public const string ProjectionName = "alerts";

    public override string Name => ProjectionName;

    /// <summary>2: reads AlertHeld and HeldAlertsReleased (the quiet-hours hold and release). 3: each channel's delivery state.</summary>
    public override int Version => 3;

    public override IReadOnlyCollection<string> EventTypes { get; } =
        [
            MonitorEventTypes.AlertRaised, MonitorEventTypes.AlertAcknowledged, MonitorEventTypes.AlertDelivered, MonitorEventTypes.AlertDeliveryFailed,
            MonitorEventTypes.AlertHeld, MonitorEventTypes.HeldAlertsReleased, MonitorEventTypes.AlertDeliveryScheduled, MonitorEventTypes.AlertDeliveryRetrying,
        ];

    protected override Guid? DocumentIdOf(StoredEvent e) => e.Data switch
    {
        AlertRaised a => a.AlertId,
        AlertAcknowledged a => a.AlertId,
        AlertDelivered d => d.AlertId,
        AlertDeliveryFailed f => f.AlertId,
        AlertHeld h => h.AlertId,
        AlertDeliveryScheduled s => s.AlertId,
        AlertDeliveryRetrying r => r.AlertId,
        _ => null,
    };

    protected override IEnumerable<Guid> DocumentIdsOf(StoredEvent e) => e.Data is HeldAlertsReleased r
        ? r.Release.Alerts.Select(a => a.AlertId)
        : base.DocumentIdsOf(e);

    protected override AlertDocument? Apply(AlertDocument? current, StoredEvent e) => (current, e.Data) switch
    {
        (null, AlertRaised raised) => AlertDocument.From(raised),
        (not null, AlertRaised) => current,
        // The first acknowledgement stands; both services derive its event id from the alert, so there is one.
        ({ Acknowledged: null }, AlertAcknowledged a) => current with { Acknowledged = new AlertAcknowledgement(a.By, a.At) },
        (not null, AlertDelivered d) when current.Deliveries.All(r => r.EventId != e.Id) =>
            current with { Deliveries = [.. current.Deliveries, new AlertDeliveryRecord(e.Id, d.ChannelId, d.ChannelKind, d.Attempts, d.At)], Channels = AlertChannelDelivery.Apply(current.Channels, d) },
        (not null, AlertDeliveryFailed f) when current.DeliveryFailures.All(r => r.EventId != e.Id) =>
            current with { DeliveryFailures = [.. current.DeliveryFailures, new AlertDeliveryRecord(e.Id, f.ChannelId, f.ChannelKind, f.Attempts, f.At, f.Reason)], Channels = AlertChannelDelivery.Apply(current.Channels, f) },
        // Each sets the channel's state from the event alone, so an event handled again changes nothing.
        (not null, AlertDeliveryScheduled or AlertDeliveryRetrying) => current with { Channels = AlertChannelDelivery.Apply(current.Channels, e.Data) },
        // The first hold and the first release stand, so an event handled again changes nothing. Each sets its own
        // field, so a release handled before the hold still ends with both. A release never creates a document:
        // the alerts service releases only alerts whose AlertRaised and AlertHeld it has stored, so the log has the
        // AlertRaised first; without it there is nothing whole to mark.
        ({ Held: null }, AlertHeld h) => current with { Held = new AlertHold(h.Until, h.At) },
        ({ ReleasedAt: null }, HeldAlertsReleased r) => current with { ReleasedAt = r.At },
        _ => current,
    };
}
