using Monitor.Alerts.Delivery;
using Monitor.Alerts.Quiet;
using Monitor.Alerts.Raised;
using Monitor.Alerts.Startup;
using Monitor.Alerts.Subscriptions;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Digests;

/// <summary>
/// Sends each subscription's daily digest when it falls due, and (first, at each tick) the alerts held during quiet
/// hours that have just ended (<see cref="HeldAlertsRelease"/>). A timer on the <see cref="TimeProvider"/> looks every
/// <see cref="Tick"/>; a digest is due when its latest occurrence has passed, the subscription existed then, is not
/// paused, and no DigestSent is stored for that day. The digest is sent, then DigestSent is appended to the
/// day's own stream <c>digest-{id}</c>: a restart finds it there and does not send the day again. (A crash in the
/// moment between sending and storing would send it once more after the restart: receivers dedupe by X-Monitor-Id.)
/// </summary>
public sealed class DigestWorker(
    SubscriptionRegistry subscriptions, History history, AlertLog alerts, ChannelDeliverer deliverer, HeldAlertsRelease held,
    EventStore.EventStore store, TimeProvider clock, ILogger<DigestWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(30);

    private readonly HashSet<Guid> _sent = [];
    private readonly object _gate = new();

    /// <summary>Remembers a digest stored earlier (read at start).</summary>
    public void Sent(DigestSent sent)
    {
        lock (_gate) _sent.Add(sent.Digest.DigestId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await subscriptions.Ready.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await held.ReleaseDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Releasing held alerts failed; trying again in {Tick}", Tick);
            }
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Sending digests failed; trying again in {Tick}", Tick);
            }
            await Task.Delay(Tick, clock, stoppingToken);
        }
    }

    /// <summary>Sends every digest due now; returns what was sent.</summary>
    public async Task<IReadOnlyList<DigestSent>> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var sent = new List<DigestSent>();
        foreach (var subscription in subscriptions.All().Where(s => s.DigestAt is not null && !s.Paused))
        {
            if (DigestSchedule.Latest(subscription, now) is not { } due || due.To < subscription.CreatedAt) continue;
            var id = DigestIds.For(subscription.SubscriptionId, due.Day);
            lock (_gate)
                if (_sent.Contains(id)) continue;
            sent.Add(await SendAsync(subscription, due, id, ct));
        }
        return sent;
    }

    private async Task<DigestSent> SendAsync(SubscriptionState subscription, DigestOccurrence due, Guid id, CancellationToken ct)
    {
        var items = await history.ScoredBetweenAsync(due.From, due.To, subscription.Scope.NeedsText, ct);
        var digest = DigestComposer.Compose(subscription, due, items, alerts.RaisedBetween(subscription.SubscriptionId, due.From, due.To));
        var results = await Task.WhenAll(subscription.Channels.Select(c => deliverer.DeliverAsync(digest, c, ct)));
        var sent = new DigestSent(digest, results, clock.GetUtcNow());
        await store.AppendAsync(id, MonitorEventTypes.DigestStream, ExpectedVersion.NoStream,
            [new EventData(CoverageIdentity.NameBased(id, MonitorEventTypes.DigestSent), sent)], ct);
        Sent(sent);
        foreach (var failed in results.Where(r => !r.Delivered))
            logger.LogWarning("Digest {DigestId} of {Subscription} not delivered to {Channel}: {Reason}", id, subscription.Name, failed.ChannelId, failed.Reason);
        logger.LogInformation("Digest {Day} of {Subscription}: {Volume} items, {Alerts} alerts, delivered to {Delivered} of {Channels} channels",
            due.Day, subscription.Name, digest.Volume, digest.Alerts.Count, results.Count(r => r.Delivered), results.Length);
        return sent;
    }
}
