using Monitor.Hosting.Access;
using Monitor.Alerts.Digests;
using Monitor.Alerts.Evaluate;
using Monitor.Contracts.Alerts;
using Monitor.Alerts.Raised;
using Monitor.Alerts.Subscriptions;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Startup;

/// <summary>
/// Rebuilds the service's state from the event log before any scored item is evaluated: API keys,
/// subscriptions, recent alerts, the digests and held-alert releases already sent, and the rules' windows from the scored items within
/// the longest window + baseline + cooldown (read in pages from there, never the whole log). Evaluating that
/// history raises, with deterministic ids, the alerts already stored (no-ops) and any that were missed while
/// the service was down (appended and delivered now). Readiness waits for all of it.
/// </summary>
public sealed class AlertsStartup(
    ApiKeys keys, AlertsSettings settings, History history, SubscriptionRegistry subscriptions, AlertLog log, DigestWorker digests,
    EvaluateScored evaluate, TimeProvider clock, ILogger<AlertsStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The schema is ensured by another hosted service; wait until the store answers.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await LoadAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && attempt < 30)
            {
                logger.LogWarning(e, "Loading alert state failed (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (settings.AdminKey is { } admin) keys.AddAdmin(admin);
        await keys.LoadAsync(ct);

        var subscriptionEvents = await history.ReadAsync(AlertsEventTypes.Subscription, ct);
        foreach (var stream in subscriptionEvents.GroupBy(e => e.StreamId))
            subscriptions.Apply(SubscriptionState.Fold(stream.Select(e => e.Data)), []);

        var alertEvents = await history.ReadAsync(AlertsEventTypes.Alert, ct);
        foreach (var e in alertEvents)
            log.Apply(e.Data);
        foreach (var e in await history.ReadAsync(AlertsEventTypes.Digest, ct))
            if (e.Data is DigestSent sent) digests.Sent(sent);
        // After the alerts: marks the held ones already sent when their quiet hours ended, so none goes out twice.
        foreach (var e in await history.ReadAsync(AlertsEventTypes.HeldRelease, ct))
            log.Apply(e.Data);
        logger.LogInformation("Loading alert state: {Subscriptions} subscriptions and {AlertEvents} alert events read",
            subscriptions.All().Count, alertEvents.Count);

        var lookback = subscriptions.Lookback();
        logger.LogInformation("Loading alert state: replaying items published in the last {Lookback} (longest window × (baseline + 1) + cooldown)", lookback);
        var items = await history.RecentScoredAsync(lookback, subscriptions.AnyNeedsText(), ct);
        var raised = subscriptions.Observe(items, clock.GetUtcNow());
        var missed = await evaluate.AppendAndDeliverAsync(raised, ct);
        subscriptions.MarkReady();
        logger.LogInformation("Alerts ready: {Subscriptions} subscriptions, {Items} recent items replayed, {Missed} missed alerts raised",
            subscriptions.All().Count, items.Count, missed.Count);
    }
}
