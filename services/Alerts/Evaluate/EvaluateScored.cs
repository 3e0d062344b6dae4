using Monitor.Alerts.Delivery;
using Monitor.Alerts.Quiet;
using Monitor.Alerts.Raised;
using Monitor.Alerts.Rules;
using Monitor.Alerts.Subscriptions;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Observability;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Evaluate;

/// <summary>
/// Evaluates scored items against every subscription and appends what fires as AlertRaised in its own stream
/// <c>alert-{AlertId}</c>. Alert ids are deterministic, so a redelivered batch re-raises ids the store holds:
/// those appends come back Duplicate and are not delivered a second time. An alert raised in its subscription's
/// quiet hours is held instead (AlertHeld): stored and listed, sent with the spell's other held alerts when the quiet
/// hours end (HeldAlertsRelease), and listed in the digest.
/// </summary>
public sealed class EvaluateScored(
    EventStore.EventStore store, SubscriptionRegistry subscriptions, CoverageLookup lookup, AlertLog log, DeliveryQueue delivery, TimeProvider clock)
{
    public async Task<IReadOnlyList<AlertRaised>> HandleAsync(IReadOnlyList<SentimentScored> scored, CancellationToken ct)
    {
        await subscriptions.Ready.WaitAsync(ct);
        var items = await lookup.JoinAsync(scored, subscriptions.AnyNeedsText(), ct);
        var raised = subscriptions.Observe(items.OrderBy(i => i.PublishedAt), clock.GetUtcNow());
        var fresh = await AppendAndDeliverAsync(raised, ct);
        RecordLatency(fresh, items);
        return fresh;
    }

    /// <summary>Alert latency: from the storing of the newest item behind the alert (in this batch) to the alert.</summary>
    private static void RecordLatency(IReadOnlyList<AlertRaised> fresh, IReadOnlyList<ScoredItem> items)
    {
        if (fresh.Count == 0) return;
        var ingestedAt = new Dictionary<Guid, DateTimeOffset>();
        foreach (var item in items)
            if (item.IngestedAt is { } at) ingestedAt[item.CoverageId] = at;
        foreach (var alert in fresh)
        {
            var times = alert.TopMentions.Where(m => ingestedAt.ContainsKey(m.CoverageId)).Select(m => ingestedAt[m.CoverageId]).ToList();
            if (times.Count == 0) times = ingestedAt.Values.ToList();
            if (times.Count > 0) MonitorMetrics.RecordAlertLatency(alert.RaisedAt - times.Max(), alert.Kind);
        }
    }

    public async Task<IReadOnlyList<AlertRaised>> AppendAndDeliverAsync(IReadOnlyList<AlertRaised> raised, CancellationToken ct)
    {
        if (raised.Count == 0) return [];
        var outcomes = await store.AppendBatchAsync(raised
            .Select(a => new StreamAppend(a.AlertId, MonitorEventTypes.AlertStream, ExpectedVersion.Any,
                [new EventData(CoverageIdentity.NameBased(a.AlertId, MonitorEventTypes.AlertRaised), a)]))
            .ToArray(), ct);
        var fresh = raised.Where((_, i) => outcomes[i].Status == AppendStatus.Appended).ToArray();
        var now = clock.GetUtcNow();
        var held = fresh
            .Select(a => subscriptions.Find(a.SubscriptionId) is { } s && QuietHoursPolicy.HeldUntil(s, a, now) is { } until
                ? new AlertHeld(a.AlertId, a.SubscriptionId, until, now)
                : null)
            .OfType<AlertHeld>()
            .ToDictionary(h => h.AlertId);
        if (held.Count > 0)
            await store.AppendBatchAsync(held.Values
                .Select(h => new StreamAppend(h.AlertId, MonitorEventTypes.AlertStream, ExpectedVersion.Any,
                    [new EventData(CoverageIdentity.NameBased(h.AlertId, MonitorEventTypes.AlertHeld), h)]))
                .ToArray(), ct);
        foreach (var alert in fresh)
        {
            log.Raised(alert);
            if (held.TryGetValue(alert.AlertId, out var hold)) log.Apply(hold);
            else await delivery.EnqueueAsync(alert, ct);
        }
        return fresh;
    }
}
