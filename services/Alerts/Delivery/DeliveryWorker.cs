using System.Collections.Concurrent;
using Monitor.Alerts.Raised;
using Monitor.Alerts.Subscriptions;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// Delivers alerts from the log. It reads the alert streams' events from the start of the log (every start), then
/// follows the log: an alert's channels (AlertDeliveryScheduled, appended with the AlertRaised) are pending until each
/// has AlertDelivered or AlertDeliveryFailed, and a failed attempt that may pass is stored as AlertDeliveryRetrying with
/// the time of the next, per the <see cref="DeliverySchedule"/>. So a restart, after a kill at any moment, finds every
/// delivery still due and the schedule where it was. Before an attempt the alert's stream is read again, and its
/// outcome is appended at the version read (<see cref="AlertStreamWriter"/>). A kill after a receiver took an alert but
/// before AlertDelivered is stored sends it once more after the restart, with the same delivery id to drop it by.
/// <see cref="Wake"/> (called when an alert is raised or re-sent here) makes the first attempt immediate; the log is
/// also read every <see cref="Poll"/>. Up to <see cref="ConcurrentAttempts"/> attempts run at once.
/// </summary>
public sealed class DeliveryWorker(
    EventStore.EventStore store, SubscriptionRegistry subscriptions, ChannelDeliverer deliverer, AlertLog log, AlertStreamWriter writer,
    AlertsSettings settings, DeliveryOptions options, TimeProvider clock, ILogger<DeliveryWorker> logger) : BackgroundService
{
    public const int ConcurrentAttempts = 16;
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private const int Page = 1_000;

    private static readonly string[] EventTypes =
    [
        MonitorEventTypes.AlertRaised, MonitorEventTypes.AlertHeld, MonitorEventTypes.AlertDeliveryScheduled,
        MonitorEventTypes.AlertDeliveryRetrying, MonitorEventTypes.AlertDelivered, MonitorEventTypes.AlertDeliveryFailed,
    ];

    // Alerts with a channel not yet delivered or failed, as the log read so far says; only the loop touches it.
    private readonly Dictionary<Guid, AlertDeliveries> _open = new();
    private readonly ConcurrentDictionary<(Guid AlertId, string ChannelId), byte> _inFlight = new();
    private readonly ConcurrentDictionary<Task, byte> _attempts = new();
    private readonly SemaphoreSlim _slots = new(ConcurrentAttempts);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly ConcurrentQueue<Guid> _raised = new();
    private GlobalPosition _position = GlobalPosition.Start;

    private DeliverySchedule Schedule => settings.RetrySchedule;

    /// <summary>Reads the log now rather than at the next poll.</summary>
    public void Wake()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { }
    }

    /// <summary>
    /// Reads these alerts' streams now: the log read stops short of events committed after a transaction that is
    /// still open, and the first attempt should not wait for it.
    /// </summary>
    public void Wake(IEnumerable<Guid> raised)
    {
        foreach (var alertId in raised) _raised.Enqueue(alertId);
        Wake();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await subscriptions.Ready.WaitAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = Poll;
                try
                {
                    await CatchUpAsync(stoppingToken);
                    wait = StartDue(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(e, "Reading the alerts to deliver failed; trying again in {Poll}", Poll);
                }
                await _wake.WaitAsync(wait, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            // Attempts cut short by the stop append nothing: after the restart they are still due.
            await Task.WhenAll(_attempts.Keys);
        }
    }

    /// <summary>Applies the alert events stored since the last read.</summary>
    private async Task CatchUpAsync(CancellationToken ct)
    {
        while (true)
        {
            var page = await store.ReadAllAsync(_position, Page, includeArchived: false, EventTypes, ct);
            foreach (var e in page)
                _open[e.StreamId] = _open.GetValueOrDefault(e.StreamId, AlertDeliveries.None).Apply(e.Data);
            if (page.Count > 0) _position = page[^1].Position;
            if (page.Count < Page) break;
        }

        // A re-send can reopen an alert settled earlier (and dropped): read its whole stream, as those just raised here.
        var partial = _open.Where(a => a.Value.Alert is null).Select(a => a.Key).ToList();
        while (_raised.TryDequeue(out var raised)) partial.Add(raised);
        if (partial.Count > 0)
            foreach (var (id, stream) in await store.ReadStreamsAsync(partial, ct))
                _open[id] = AlertDeliveries.Fold(stream);
        foreach (var settled in _open.Where(a => a.Value.Settled || a.Value.Alert is null).Select(a => a.Key).ToArray())
            _open.Remove(settled);
    }

    /// <summary>Starts an attempt for every channel due now; returns how long to wait before looking again.</summary>
    private TimeSpan StartDue(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var wait = Poll;
        foreach (var (alertId, deliveries) in _open)
        {
            foreach (var channel in deliveries.DueAt(now))
            {
                if (!_inFlight.TryAdd((alertId, channel.ChannelId), 0)) continue;
                var attempt = Task.Run(() => AttemptAsync(alertId, channel.ChannelId, ct), CancellationToken.None);
                _attempts.TryAdd(attempt, 0);
                attempt.ContinueWith(t => _attempts.TryRemove(t, out _), TaskScheduler.Default);
            }
            if (deliveries.NextAttemptAt is { } next && next > now && next - now < wait) wait = next - now;
        }
        return wait;
    }

    private async Task AttemptAsync(Guid alertId, string channelId, CancellationToken ct)
    {
        try
        {
            await _slots.WaitAsync(ct);
            try
            {
                // The log, not what this worker read a moment ago, says whether the channel is still due.
                var before = AlertDeliveries.Fold(await store.ReadStreamAsync(alertId, 1, ct));
                if (before.Alert is not { } alert || before.Channel(channelId) is not { } channel || !before.DueAt(clock.GetUtcNow()).Contains(channel)) return;
                var attempt = channel.State == AlertDeliveryStates.Pending ? 1 : channel.Attempts + 1;
                var outcome = await AttemptAsync(alert, channel, attempt, ct);
                // Stored only if nothing (a re-send) settled the channel meanwhile.
                await RecordAsync(alertId, channelId, outcome, stream => AlertDeliveries.Fold(stream).Channel(channelId) == channel, ct);
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e)
        {
            logger.LogError(e, "Delivering alert {AlertId} to {Channel} failed unexpectedly; trying again at the next poll", alertId, channelId);
        }
        finally
        {
            _inFlight.TryRemove((alertId, channelId), out _);
            Wake();
        }
    }

    /// <summary>
    /// Sends the alert to its channels now, or to one (<paramref name="onlyChannel"/>), whatever their state: a re-send.
    /// A failure that may pass starts the schedule again from its first wait. Returns the outcomes stored.
    /// </summary>
    public async Task<IReadOnlyList<object>> ResendAsync(Guid alertId, string? onlyChannel, CancellationToken ct)
    {
        var deliveries = AlertDeliveries.Fold(await store.ReadStreamAsync(alertId, 1, ct));
        if (deliveries.Alert is not { } alert) return [];
        // An alert raised before channels were scheduled, or held and released, goes to the subscription's channels.
        var channels = deliveries.Channels.Count > 0
            ? deliveries.Channels
            : subscriptions.Find(alert.SubscriptionId)?.Channels
                .Select(c => new AlertChannelDelivery(c.ChannelId, c.Kind, AlertDeliveryStates.Pending, 0, null, null, alert.RaisedAt)).ToArray() ?? [];
        var outcomes = await Task.WhenAll(channels.Where(c => onlyChannel is null || c.ChannelId == onlyChannel)
            .Select(c => ResendAsync(alert, c, ct)));
        Wake();
        return outcomes.OfType<object>().ToArray();
    }

    private async Task<object?> ResendAsync(AlertRaised alert, AlertChannelDelivery channel, CancellationToken ct)
    {
        // Waits for the worker's attempt on the channel, if one is under way, so the two never race.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(options.AttemptTimeout * 2);
        while (!_inFlight.TryAdd((alert.AlertId, channel.ChannelId), 0))
            await Task.Delay(TimeSpan.FromMilliseconds(50), limit.Token);
        try
        {
            var outcome = await AttemptAsync(alert, channel, 1, ct);
            return await RecordAsync(alert.AlertId, channel.ChannelId, outcome, _ => true, ct);
        }
        finally
        {
            _inFlight.TryRemove((alert.AlertId, channel.ChannelId), out _);
        }
    }

    /// <summary>One attempt, as the event that tells how it went.</summary>
    private async Task<object> AttemptAsync(AlertRaised alert, AlertChannelDelivery channel, int attempt, CancellationToken ct)
    {
        var target = subscriptions.Find(alert.SubscriptionId)?.Channels.FirstOrDefault(c => c.ChannelId == channel.ChannelId);
        var result = target is null
            ? new DeliveryAttempt(false, $"channel '{channel.ChannelId}' is no longer one of the subscription's channels", Retryable: false)
            : await deliverer.AttemptAsync(alert, target, ct);
        var now = clock.GetUtcNow();
        var kind = target?.Kind ?? channel.ChannelKind;
        if (result.Delivered) return new AlertDelivered(alert.AlertId, channel.ChannelId, kind, attempt, now);
        if (result.Retryable && Schedule.WaitAfter(attempt) is { } wait)
            return new AlertDeliveryRetrying(alert.AlertId, channel.ChannelId, kind, attempt, result.Reason!, now + wait, now);
        var reason = result.Retryable ? $"{result.Reason} (gave up after {attempt} attempts)" : result.Reason!;
        return new AlertDeliveryFailed(alert.AlertId, channel.ChannelId, kind, reason, attempt, now);
    }

    /// <summary>Appends the outcome if <paramref name="stillWanted"/> holds for the stream as it is then; returns it, or null.</summary>
    private async Task<object?> RecordAsync(Guid alertId, string channelId, object outcome, Func<IReadOnlyList<StoredEvent>, bool> stillWanted, CancellationToken ct)
    {
        var stored = await writer.AppendAsync(alertId, stream => stillWanted(stream) ? outcome : null,
            AlertStreamWriter.IdFor(alertId, $"delivery:{channelId}"), ct);
        if (stored is null) return null;
        log.Apply(stored);
        switch (stored)
        {
            case AlertDeliveryRetrying retrying:
                logger.LogWarning("Alert {AlertId} not delivered to {Channel} (attempt {Attempt}): {Reason}; trying again at {Next:O}",
                    alertId, channelId, retrying.Attempt, retrying.Reason, retrying.NextAttemptAt);
                break;
            case AlertDeliveryFailed failed:
                logger.LogWarning("Alert {AlertId} not delivered to {Channel}: {Reason}", alertId, channelId, failed.Reason);
                break;
        }
        return stored;
    }
}
