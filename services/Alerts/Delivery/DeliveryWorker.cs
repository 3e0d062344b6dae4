using Monitor.Alerts.Raised;
using Monitor.Alerts.Subscriptions;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// Sends each raised alert to its subscription's channels (all at once) and appends AlertDelivered or
/// AlertDeliveryFailed per channel to the alert's stream. Up to <see cref="ConcurrentAlerts"/> alerts are in
/// delivery at once, so one slow channel (retries, back-off) does not hold back the alerts queued behind it.
/// </summary>
public sealed class DeliveryWorker(
    DeliveryQueue queue, SubscriptionRegistry subscriptions, ChannelDeliverer deliverer, AlertLog log,
    EventStore.EventStore store, ILogger<DeliveryWorker> logger) : BackgroundService
{
    public const int ConcurrentAlerts = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = ConcurrentAlerts, CancellationToken = stoppingToken };
        try
        {
            await Parallel.ForEachAsync(queue.ReadAllAsync(stoppingToken), options, async (alert, ct) =>
            {
                try
                {
                    await DeliverAsync(alert, null, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    logger.LogError(e, "Delivering alert {AlertId} failed unexpectedly", alert.AlertId);
                }
            });
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>Delivers to every channel, or to one (a re-send after AlertDeliveryFailed).</summary>
    public async Task<IReadOnlyList<object>> DeliverAsync(AlertRaised alert, string? onlyChannel, CancellationToken ct)
    {
        var channels = subscriptions.Find(alert.SubscriptionId)?.Channels
            .Where(c => onlyChannel is null || c.ChannelId == onlyChannel).ToArray() ?? [];
        var outcomes = await Task.WhenAll(channels.Select(c => deliverer.DeliverAsync(alert, c, ct)));
        if (outcomes.Length == 0) return outcomes;
        var version = await store.FetchStreamStateAsync(alert.AlertId, ct);
        await store.AppendAsync(alert.AlertId, MonitorEventTypes.AlertStream, ExpectedVersion.Any,
            outcomes.Select((o, i) => new EventData(CoverageIdentity.NameBased(alert.AlertId, $"delivery:{channels[i].ChannelId}:{version?.Version}"), o)).ToArray(), ct);
        foreach (var outcome in outcomes)
        {
            log.Apply(outcome);
            if (outcome is AlertDeliveryFailed failed)
                logger.LogWarning("Alert {AlertId} not delivered to {Channel}: {Reason}", failed.AlertId, failed.ChannelId, failed.Reason);
        }
        return outcomes;
    }
}
