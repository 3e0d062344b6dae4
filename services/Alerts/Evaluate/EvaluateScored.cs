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
/// those are not appended or delivered a second time. Each new alert is appended together with AlertDeliveryScheduled
/// (its channels), which the <see cref="DeliveryWorker"/> delivers from the log; or, raised in its subscription's quiet
/// hours, with AlertHeld instead: stored and listed, sent with the spell's other held alerts when the quiet hours end
/// (HeldAlertsRelease), and listed in the digest.
/// </summary>
public sealed class EvaluateScored(
    EventStore.EventStore store, SubscriptionRegistry subscriptions, CoverageLookup lookup, AlertLog log, DeliveryWorker delivery, TimeProvider clock)
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
        // An alert stored before (a redelivered batch, a restart) is not appended again; one stored meanwhile
        // by someone else comes back as a conflict (NoStream) and is not new either.
        var stored = await store.FetchStreamStatesAsync(raised.Select(a => a.AlertId).ToArray(), ct);
        var candidates = raised.Where(a => !stored.ContainsKey(a.AlertId)).DistinctBy(a => a.AlertId).ToArray();
        var now = clock.GetUtcNow();
        // Held or scheduled for delivery in the same append as the raise, so the delivery worker never sees one without the other.
        var next = candidates.Select(a => HoldOrSchedule(a, now)).ToArray();
        var outcomes = await store.AppendBatchAsync(candidates
            .Select((a, i) => new StreamAppend(a.AlertId, MonitorEventTypes.AlertStream, ExpectedVersion.NoStream,
            [
                new EventData(CoverageIdentity.NameBased(a.AlertId, MonitorEventTypes.AlertRaised), a),
                new EventData(CoverageIdentity.NameBased(a.AlertId, next[i] is AlertHeld ? MonitorEventTypes.AlertHeld : MonitorEventTypes.AlertDeliveryScheduled), next[i]),
            ]))
            .ToArray(), ct);
        var fresh = new List<AlertRaised>();
        for (var i = 0; i < candidates.Length; i++)
        {
            if (outcomes[i].Status != AppendStatus.Appended) continue;
            fresh.Add(candidates[i]);
            log.Raised(candidates[i]);
            log.Apply(next[i]);
        }
        if (fresh.Count > 0) delivery.Wake(fresh.Select(a => a.AlertId));
        return fresh;
    }

    /// <summary>AlertHeld when quiet hours hold the alert now, else AlertDeliveryScheduled naming the subscription's channels.</summary>
    private object HoldOrSchedule(AlertRaised alert, DateTimeOffset now)
    {
        var subscription = subscriptions.Find(alert.SubscriptionId);
        if (subscription is not null && QuietHoursPolicy.HeldUntil(subscription, alert, now) is { } until)
            return new AlertHeld(alert.AlertId, alert.SubscriptionId, until, now);
        return new AlertDeliveryScheduled(alert.AlertId, subscription?.Channels.Select(c => new AlertChannelRef(c.ChannelId, c.Kind)).ToArray() ?? [], now);
    }
}
