using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Access;
using Monitor.Hosting.Storage;
using Monitor.ReadModels.Alerts;

namespace Monitor.Api.Alerts;

/// <summary>
/// Acknowledges an alert in its stream. The event id is derived from the alert exactly as the alerts
/// service derives it, so an acknowledgement made through either service, or twice, is one event.
/// The stream, not the read model, decides whether the alert exists (the read model may lag).
/// </summary>
internal sealed class AcknowledgeAlert(EventStore.EventStore store, TimeProvider clock)
{
    public static Guid EventIdFor(Guid alertId) => CoverageIdentity.NameBased(alertId, MonitorEventTypes.AlertAcknowledged);

    /// <summary>The acknowledgement that stands, or null when there is no such alert.</summary>
    public async Task<AlertAcknowledgement?> AcknowledgeAsync(Guid alertId, Caller caller, CancellationToken ct)
    {
        var events = await store.ReadStreamAsync(alertId, ct: ct);
        if (!events.Any(e => e.Data is AlertRaised)) return null;
        if (Existing(events) is { } already) return already;

        var ack = new AlertAcknowledged(alertId, caller.Owner, clock.GetUtcNow());
        var result = await store.AppendAsync(alertId, MonitorEventTypes.AlertStream, ExpectedVersion.Any, [new EventData(EventIdFor(alertId), ack)], ct);
        if (!result.WasDuplicate) return new AlertAcknowledgement(ack.By, ack.At);
        // Someone else acknowledged it between our read and our append: theirs stands.
        return Existing(await store.ReadStreamAsync(alertId, ct: ct));
    }

    private static AlertAcknowledgement? Existing(IEnumerable<StoredEvent> events) =>
        events.Select(e => e.Data).OfType<AlertAcknowledged>().Select(a => new AlertAcknowledgement(a.By, a.At)).FirstOrDefault();
}
