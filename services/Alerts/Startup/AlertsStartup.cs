using Monitor.Hosting.Access;
using Monitor.Alerts.Evaluate;
using Monitor.Alerts.Raised;
using Monitor.Alerts.Subscriptions;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Startup;

/// <summary>
/// Rebuilds the service's state from the event log before any scored item is evaluated: API keys,
/// subscriptions, recent alerts, and the rules' windows from the scored items within the longest
/// window + baseline + cooldown. Evaluating that history raises, with deterministic ids, the alerts already
/// stored (no-ops) and any that were missed while the service was down (appended and delivered now).
/// </summary>
public sealed class AlertsStartup(
    ApiKeys keys, AlertsSettings settings, History history, SubscriptionRegistry subscriptions, AlertLog log,
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

        foreach (var e in await history.ReadAsync(AlertsEventTypes.Alert, ct))
            log.Apply(e.Data);

        var items = await history.RecentScoredAsync(subscriptions.Lookback(), subscriptions.AnyNeedsText(), ct);
        var raised = subscriptions.Observe(items, clock.GetUtcNow());
        var missed = await evaluate.AppendAndDeliverAsync(raised, ct);
        subscriptions.MarkReady();
        logger.LogInformation("Alerts ready: {Subscriptions} subscriptions, {Items} recent items replayed, {Missed} missed alerts raised",
            subscriptions.All().Count, items.Count, missed.Count);
    }
}
