using Monitor.Api.Alerts;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Api.Tests.Infrastructure;

/// <summary>Subscriptions and alerts appended as the alerts service appends them.</summary>
public static class SampleAlerts
{
    public static AlertRaised Alert(Guid subscriptionId, string subscriptionName, DateTimeOffset raisedAt, params SampleItem[] top)
    {
        var id = CoverageIdentity.NameBased(subscriptionId, $"alert:test:{raisedAt.UtcTicks}");
        return new AlertRaised(id, subscriptionId, subscriptionName, "neg-share", AlertRuleKinds.NegativeShare, raisedAt.AddHours(-1), raisedAt,
            0.625, 0.4, null, null, null, 8, new Dictionary<string, int> { [PlatformNames.Weibo] = 8 },
            top.Select(i => new AlertMention(i.Id, i.Platform, i.Label ?? SentimentLabels.Neutral, i.Score, i.Reach, i.Url)).ToArray(),
            0, $"Negative share 62% (floor 40%) over 8 items in 1h for {subscriptionName}", raisedAt);
    }

    public static Task AppendAsync(EventStore.EventStore store, AlertRaised alert, params object[] more) =>
        store.AppendAsync(alert.AlertId, MonitorEventTypes.AlertStream, ExpectedVersion.Any,
            [new EventData(CoverageIdentity.NameBased(alert.AlertId, MonitorEventTypes.AlertRaised), alert),
             .. more.Select((e, n) => new EventData(CoverageIdentity.NameBased(alert.AlertId, $"more:{n}"), e))]);

    /// <summary>The alert stream's ids (log positions) of the events in a stream, in the order they were stored.</summary>
    public static async Task<IReadOnlyList<string>> StreamIdsAsync(EventStore.EventStore store, Guid streamId) =>
        (await store.ReadStreamAsync(streamId)).Select(e => StreamPosition.Format(e.Position)).ToArray();

    /// <summary>Holds an alert for quiet hours ending at <paramref name="until"/>, with the event id the alerts service gives it.</summary>
    public static async Task<AlertHeld> HoldAsync(EventStore.EventStore store, AlertRaised alert, DateTimeOffset until, DateTimeOffset at)
    {
        var held = new AlertHeld(alert.AlertId, alert.SubscriptionId, until, at);
        await store.AppendAsync(alert.AlertId, MonitorEventTypes.AlertStream, ExpectedVersion.Any,
            [new EventData(CoverageIdentity.NameBased(alert.AlertId, MonitorEventTypes.AlertHeld), held)]);
        return held;
    }

    /// <summary>Releases the alerts of one quiet spell, on the spell's own stream as the alerts service stores it; every channel took it.</summary>
    public static async Task<HeldAlertsReleased> ReleaseAsync(EventStore.EventStore store, DateTimeOffset quietUntil, DateTimeOffset at, params AlertRaised[] alerts)
    {
        var subscription = alerts[0];
        var releaseId = CoverageIdentity.NameBased(subscription.SubscriptionId, $"held-release:test:{quietUntil.UtcTicks}");
        var released = new HeldAlertsReleased(
            new HeldAlerts(releaseId, subscription.SubscriptionId, subscription.SubscriptionName, quietUntil, null, alerts),
            [new DigestChannelResult("hook", AlertChannelKinds.Webhook, true, 1, null)], at);
        await store.AppendAsync(releaseId, MonitorEventTypes.HeldReleaseStream, ExpectedVersion.Any,
            [new EventData(CoverageIdentity.NameBased(releaseId, MonitorEventTypes.HeldAlertsReleased), released)]);
        return released;
    }

    public static SubscriptionCreated Subscription(string owner, string name) => new(
        Guid.NewGuid(), owner, name, SubscriptionScope.Everything with { EntityIds = ["xiaomi-su7"] },
        [new AlertRule("neg-share", AlertRuleKinds.NegativeShare, TimeSpan.FromHours(1), 0.4)],
        [new AlertChannel("hook", AlertChannelKinds.Webhook, "https://hooks.example.com/T0KEN-in-the-url", "s3cret-signing-key")],
        null, null, SampleCoverage.Start);

    public static Task AppendAsync(EventStore.EventStore store, SubscriptionCreated created, params object[] more) =>
        store.AppendAsync(created.SubscriptionId, MonitorEventTypes.SubscriptionStream, ExpectedVersion.Any,
            [new EventData(Guid.NewGuid(), created), .. more.Select(e => new EventData(Guid.NewGuid(), e))]);
}
