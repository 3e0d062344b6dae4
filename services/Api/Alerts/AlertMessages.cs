using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.ReadModels.Alerts;

namespace Monitor.Api.Alerts;

/// <summary>
/// Writes the alert stream's messages for a batch of log events, the same way for the live feed and for a
/// catch-up: <c>alert</c> for AlertRaised, <c>alert-updated</c> for the events <see cref="AlertChanges"/> knows.
/// </summary>
internal sealed class AlertMessages(EventStore.EventStore store, AlertQueries queries)
{
    /// <summary>The stored event types that make messages.</summary>
    public static readonly string[] EventTypes = [MonitorEventTypes.AlertRaised, .. AlertChanges.EventTypes];

    /// <summary>One entry per event that makes messages, in the batch's (log) order: an alert comes before its updates.</summary>
    public async Task<IReadOnlyList<(GlobalPosition Position, AlertStreamMessage[] Messages)>> OfAsync(IReadOnlyList<StoredEvent> batch, CancellationToken ct)
    {
        var raised = batch.Where(e => e.Data is AlertRaised).ToArray();
        var views = (await queries.ViewsAsync(raised.Select(e => AlertDocument.From((AlertRaised)e.Data)).ToArray(), ct))
            .Select((view, i) => (raised[i].Position, view)).ToDictionary(x => x.Position, x => x.view);
        var histories = await store.ReadStreamsAsync(batch.Select(AlertChanges.HistoryNeededFor).OfType<Guid>().Distinct().ToArray(), ct);

        var messages = new List<(GlobalPosition, AlertStreamMessage[])>(batch.Count);
        foreach (var e in batch)
        {
            if (views.TryGetValue(e.Position, out var view))
                messages.Add((e.Position, [AlertStreamMessage.Raised(view, e.Position)]));
            else
            {
                var history = AlertChanges.HistoryNeededFor(e) is { } alertId ? histories[alertId] : [];
                // Only an event's last message carries its id: EventSource resumes after the last id it was sent, so a
                // connection lost halfway through a release resumes before the release and gets it whole again.
                var changes = AlertChanges.Of(e, history);
                var updates = changes.Select((u, i) => AlertStreamMessage.Updated(u, i == changes.Count - 1 ? e.Position : null)).ToArray();
                if (updates.Length > 0) messages.Add((e.Position, updates));
            }
        }
        return messages;
    }
}
