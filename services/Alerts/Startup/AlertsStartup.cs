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
/// the longest window + baseline + cooldown (read in pages from there, never the whole log). Each subscription is
/// counted from that history by the evaluator live evaluation uses, cooled down by the alerts the log holds: it
/// raises only the alerts missed while the service was down (appended and delivered now; deterministic ids make a
/// repeat a no-op), never one live evaluation had suppressed. A subscription that cannot be evaluated is reported and skipped.
/// Readiness waits for all of it.
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
        var states = new List<SubscriptionState>();
        foreach (var stream in subscriptionEvents.GroupBy(e => e.StreamId))
        {
            // One stream the service cannot read must not keep the others from loading.
            try
            {
                states.Add(SubscriptionState.Fold(stream.Select(e => e.Data)));
            }
            catch (Exception e)
            {
                logger.LogError(e, "Subscription stream {StreamId} cannot be read and is skipped", stream.Key);
            }
        }

        var alertEvents = await history.ReadAsync(AlertsEventTypes.Alert, ct);
        foreach (var e in alertEvents)
            log.Apply(e.Data);
        // The alerts raised before: they cool their rules down as they did live.
        subscriptions.Remember(alertEvents.Select(e => e.Data).OfType<AlertRaised>());
        foreach (var e in await history.ReadAsync(AlertsEventTypes.Digest, ct))
            if (e.Data is DigestSent sent) digests.Sent(sent);
        // After the alerts: marks the held ones already sent when their quiet hours ended, so none goes out twice.
        foreach (var e in await history.ReadAsync(AlertsEventTypes.HeldRelease, ct))
            log.Apply(e.Data);
        logger.LogInformation("Loading alert state: {Subscriptions} subscriptions and {AlertEvents} alert events read",
            states.Count(s => !s.Archived), alertEvents.Count);

        var evaluable = states.Where(s => !s.Archived && SubscriptionValidation.Evaluable(s).Count == 0).ToArray();
        var lookback = evaluable.Select(SubscriptionRegistry.LookbackOf).DefaultIfEmpty(TimeSpan.Zero).Max();
        logger.LogInformation("Loading alert state: replaying items published in the last {Lookback} (longest window × (baseline + 1) + cooldown)", lookback);
        var recent = await history.RecentAsync(lookback, evaluable.Any(s => s.Scope.NeedsText), ct);
        var raised = states.SelectMany(s => subscriptions.Apply(s, recent)).ToArray();
        var missed = await evaluate.AppendAndDeliverAsync(raised, ct);
        subscriptions.MarkReady();
        logger.LogInformation("Alerts ready: {Subscriptions} subscriptions ({Broken} skipped: cannot be evaluated), {Items} recent items replayed, {Missed} missed alerts raised",
            subscriptions.All().Count, subscriptions.Broken().Count, recent.Items.Count, missed.Count);
    }
}
