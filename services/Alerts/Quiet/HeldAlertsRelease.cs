using Monitor.Alerts.Delivery;
using Monitor.Alerts.Raised;
using Monitor.Alerts.Subscriptions;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Quiet;

/// <summary>
/// Sends the alerts held during a quiet spell when it ends: one message per channel listing them all (a night's
/// alerts as one summary, not a burst of N pings at 07:00), through the same deliverer as alerts and digests
/// (retries, circuit breakers, signing). Then HeldAlertsReleased is appended to the spell's own stream
/// <c>held-release-{id}</c>, id = UUIDv5(subscription, spell end), and the alerts are marked released: a restart
/// reads it back and does not send the spell again. As with digests, it is stored after sending: a crash in the
/// moment between the two sends the spell once more after the restart, with the same X-Monitor-Id to dedupe by.
/// Run by the <see cref="Digests.DigestWorker"/>'s timer just before digests, so a digest due at the same minute
/// already marks the alerts released.
/// </summary>
public sealed class HeldAlertsRelease(
    SubscriptionRegistry subscriptions, AlertLog alerts, ChannelDeliverer deliverer, EventStore.EventStore store,
    TimeProvider clock, ILogger<HeldAlertsRelease> logger)
{
    // One release pass at a time: the timer's and a caller's (tests, a future admin call) never overlap and send a spell twice.
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>Sends every spell due now; returns what was sent.</summary>
    public async Task<IReadOnlyList<HeldAlertsReleased>> ReleaseDueAsync(CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            var sent = new List<HeldAlertsReleased>();
            foreach (var due in HeldReleasePlan.Due(alerts.HeldNotReleased(), subscriptions.Find, clock.GetUtcNow()))
                sent.Add(await SendAsync(due, ct));
            return sent;
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<HeldAlertsReleased> SendAsync(HeldReleasePlan.DueRelease due, CancellationToken ct)
    {
        var subscription = due.Subscription;
        var release = new HeldAlerts(due.ReleaseId, subscription.SubscriptionId, subscription.Name, due.QuietUntil, subscription.QuietHours, due.Alerts);
        var results = await Task.WhenAll(subscription.Channels.Select(c => deliverer.DeliverAsync(release, c, ct)));
        var released = new HeldAlertsReleased(release, results, clock.GetUtcNow());
        await store.AppendAsync(release.ReleaseId, MonitorEventTypes.HeldReleaseStream, ExpectedVersion.NoStream,
            [new EventData(CoverageIdentity.NameBased(release.ReleaseId, MonitorEventTypes.HeldAlertsReleased), released)], ct);
        alerts.Apply(released);
        foreach (var failed in results.Where(r => !r.Delivered))
            logger.LogWarning("Held alerts {ReleaseId} of {Subscription} not delivered to {Channel}: {Reason}",
                release.ReleaseId, subscription.Name, failed.ChannelId, failed.Reason);
        logger.LogInformation("Quiet hours of {Subscription} ended {Until:O}: {Alerts} held alerts delivered to {Delivered} of {Channels} channels",
            subscription.Name, due.QuietUntil, release.Alerts.Count, results.Count(r => r.Delivered), results.Length);
        return released;
    }
}
