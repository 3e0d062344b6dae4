using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.ReadModels.Alerts;
using Npgsql;

namespace Monitor.Api.Alerts;

/// <summary>
/// Follows the event log from where it stood at start for AlertRaised and the events that change an alert
/// afterwards (<see cref="AlertChanges"/>), and hands each to every connected listener in log order. It keeps
/// no checkpoint (a listener wants what happens while it listens) and wakes on the store's NOTIFY after each
/// append, polling as well in case a notification is lost. Like every log reader it reads only below the
/// oldest open transaction, so an event that commits late is not skipped. A listener too slow to keep up
/// loses its oldest pending events rather than holding up the others.
/// </summary>
internal sealed class AlertStream(EventStore.EventStore store, AlertQueries queries, ILogger<AlertStream> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly string[] Types = [MonitorEventTypes.AlertRaised, .. AlertChanges.EventTypes];

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly List<AlertListener> _listeners = [];

    /// <summary>Completes once the stream knows where the log stood; alerts appended after that reach listeners.</summary>
    public Task Ready => _ready.Task;

    /// <summary>A live feed of the alerts raised and changed from now on; disposing the listener ends it.</summary>
    public async Task<AlertListener> ListenAsync(CancellationToken ct)
    {
        await Ready.WaitAsync(ct);
        // Registered before the snapshot is taken: an event the follower hands out meanwhile either committed
        // before the snapshot (seen by it: skipped) or after it (kept), and one committed after the snapshot is
        // handed out after registering.
        var listener = new AlertListener(this);
        lock (_gate) _listeners.Add(listener);
        try
        {
            await using var connection = await store.DataSource.OpenConnectionAsync(ct);
            listener.Connected = await SnapshotAsync(connection, ct);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    internal void Remove(AlertListener listener)
    {
        lock (_gate) _listeners.Remove(listener);
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var position = GlobalPosition.Start;
        var started = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await store.DataSource.OpenConnectionAsync(ct);
                await using (var listen = new NpgsqlCommand($"LISTEN {store.NotificationChannel}", connection))
                    await listen.ExecuteNonQueryAsync(ct);
                if (!started)
                {
                    position = await HeadAsync(connection, ct);
                    started = true;
                    _ready.TrySetResult();
                }
                while (true)
                {
                    var batch = await store.ReadAllAsync(position, 100, includeArchived: true, Types, ct);
                    if (batch.Count > 0)
                    {
                        await PublishAsync(batch, ct);
                        position = batch[^1].Position;
                        continue;
                    }
                    await connection.WaitAsync(PollInterval, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Alert stream: reading the log failed; trying again in 1 s");
                try { await Task.Delay(TimeSpan.FromSeconds(1), ct); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task PublishAsync(IReadOnlyList<StoredEvent> batch, CancellationToken ct)
    {
        lock (_gate)
            if (_listeners.Count == 0) return;
        var raised = batch.Where(e => e.Data is AlertRaised).ToArray();
        var views = (await queries.ViewsAsync(raised.Select(e => AlertDocument.From((AlertRaised)e.Data)).ToArray(), ct))
            .Select((view, i) => (raised[i].Position, view)).ToDictionary(x => x.Position, x => x.view);
        var histories = await store.ReadStreamsAsync(batch.Select(AlertChanges.HistoryNeededFor).OfType<Guid>().Distinct().ToArray(), ct);

        // In log order, so that a client sees an alert before its updates. Nothing is offered until every read
        // succeeded: a failed batch is read again whole, so no listener gets part of it twice.
        var messages = new List<(GlobalPosition, AlertStreamMessage[])>(batch.Count);
        foreach (var e in batch)
        {
            if (views.TryGetValue(e.Position, out var view))
                messages.Add((e.Position, [AlertStreamMessage.Raised(view)]));
            else
            {
                var history = AlertChanges.HistoryNeededFor(e) is { } alertId ? histories[alertId] : [];
                var updates = AlertChanges.Of(e, history).Select(AlertStreamMessage.Updated).ToArray();
                if (updates.Length > 0) messages.Add((e.Position, updates));
            }
        }
        lock (_gate)
            foreach (var (position, eventMessages) in messages)
            foreach (var listener in _listeners)
                listener.Offer(position, eventMessages);
    }

    private static async Task<LogSnapshot> SnapshotAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT pg_snapshot_xmin(s), pg_snapshot_xmax(s), ARRAY(SELECT pg_snapshot_xip(s)) FROM pg_current_snapshot() s", connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new LogSnapshot(reader.GetFieldValue<ulong>(0), reader.GetFieldValue<ulong>(1), reader.GetFieldValue<ulong[]>(2).ToHashSet());
    }

    private async Task<GlobalPosition> HeadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            SELECT tx_id, seq_id FROM {store.Schema}.events
            WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY tx_id DESC, seq_id DESC LIMIT 1
            """, connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)) : GlobalPosition.Start;
    }
}
