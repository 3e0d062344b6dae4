using Monitor.Alerts.Delivery;
using Monitor.Alerts.Raised;
using Monitor.Alerts.Subscriptions;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Evaluate;

/// <summary>
/// Evaluates scored items against every subscription and appends what fires as AlertRaised in its own stream
/// <c>alert-{AlertId}</c>. Alert ids are deterministic, so a redelivered batch re-raises ids the store holds:
/// those appends come back Duplicate and are not delivered a second time.
/// </summary>
public sealed class EvaluateScored(
    EventStore.EventStore store, SubscriptionRegistry subscriptions, CoverageLookup lookup, AlertLog log, DeliveryQueue delivery, TimeProvider clock)
{
    public async Task<IReadOnlyList<AlertRaised>> HandleAsync(IReadOnlyList<SentimentScored> scored, CancellationToken ct)
    {
        await subscriptions.Ready.WaitAsync(ct);
        var items = await lookup.JoinAsync(scored, subscriptions.AnyNeedsText(), ct);
        var raised = subscriptions.Observe(items.OrderBy(i => i.PublishedAt), clock.GetUtcNow());
        return await AppendAndDeliverAsync(raised, ct);
    }

    public async Task<IReadOnlyList<AlertRaised>> AppendAndDeliverAsync(IReadOnlyList<AlertRaised> raised, CancellationToken ct)
    {
        if (raised.Count == 0) return [];
        var outcomes = await store.AppendBatchAsync(raised
            .Select(a => new StreamAppend(a.AlertId, MonitorEventTypes.AlertStream, ExpectedVersion.Any,
                [new EventData(CoverageIdentity.NameBased(a.AlertId, MonitorEventTypes.AlertRaised), a)]))
            .ToArray(), ct);
        var fresh = raised.Where((_, i) => outcomes[i].Status == AppendStatus.Appended).ToArray();
        foreach (var alert in fresh)
        {
            log.Raised(alert);
            await delivery.EnqueueAsync(alert, ct);
        }
        return fresh;
    }
}
