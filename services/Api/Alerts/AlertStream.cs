using System.Threading.Channels;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;
using Monitor.ReadModels.Alerts;
using Npgsql;

namespace Monitor.Api.Alerts;

/// <summary>
/// Follows the event log from where it stood at start for AlertRaised and hands each alert to every
/// connected listener. It keeps no checkpoint (a listener wants what happens while it listens) and wakes on
/// the store's NOTIFY after each append, polling as well in case a notification is lost. Like every log
/// reader it reads only below the oldest open transaction, so an alert that commits late is not skipped.
/// A listener too slow to keep up loses its oldest pending alerts rather than holding up the others.
/// </summary>
internal sealed class AlertStream(EventStore.EventStore store, IServiceProvider services, ILogger<AlertStream> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly string[] Types = [MonitorEventTypes.AlertRaised];

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly List<Channel<AlertView>> _listeners = [];

    /// <summary>Completes once the stream knows where the log stood; alerts appended after that reach listeners.</summary>
    public Task Ready => _ready.Task;

    public (ChannelReader<AlertView> Reader, IDisposable Subscription) Listen()
    {
        var channel = Channel.CreateBounded<AlertView>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate) _listeners.Add(channel);
        return (channel.Reader, new Unlisten(this, channel));
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
        var documents = batch.Select(e => e.Data).OfType<AlertRaised>().Select(AlertDocument.From).ToArray();
        var views = await services.GetRequiredService<AlertQueries>().ViewsAsync(documents, ct);
        lock (_gate)
            foreach (var view in views)
            foreach (var listener in _listeners)
                listener.Writer.TryWrite(view);
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

    private sealed class Unlisten(AlertStream stream, Channel<AlertView> channel) : IDisposable
    {
        public void Dispose()
        {
            lock (stream._gate) stream._listeners.Remove(channel);
            channel.Writer.TryComplete();
        }
    }
}
