using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Hosting.Storage;
using Npgsql;

namespace Monitor.Hosting.Observability.Metrics;

/// <summary>
/// monitor_relay_lag_events: committed events the relay has yet to publish (those past its progress in
/// Marten's event sequence, of the types it publishes), sampled every
/// <see cref="Interval"/>. Counted up to <see cref="CountLimit"/> so a huge backlog costs a bounded scan.
/// </summary>
public sealed class RelayLagSampler : BackgroundService
{
    public const long CountLimit = 1_000_000;
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly EventStore.EventStore _store;
    private readonly ILogger<RelayLagSampler> _logger;
    private long _lag = -1;

    public RelayLagSampler(EventStore.EventStore store, ILogger<RelayLagSampler> logger)
    {
        _store = store;
        _logger = logger;
        MonitorMetrics.Meter.CreateObservableGauge("monitor.relay.lag.events", Observe, "{event}",
            "Committed events past the relay's checkpoint, not yet published (sampled; capped at 1,000,000).");
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        var lag = Interlocked.Read(ref _lag);
        return lag < 0 ? [] : [new Measurement<long>(lag)];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try { await SampleAsync(stoppingToken); }
                catch (NpgsqlException e) { _logger.LogDebug(e, "Relay lag not sampled: PostgreSQL is not reachable"); }
                await Task.Delay(Interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>Counts the backlog once and returns it. Internal so tests can sample without waiting.</summary>
    internal async Task<long> SampleAsync(CancellationToken ct)
    {
        var s = _store.Schema;
        await using var command = _store.DataSource.CreateCommand($"""
            SELECT count(*) FROM (
                SELECT 1 FROM {s}.mt_events e
                WHERE e.seq_id > coalesce((SELECT last_seq_id FROM {s}.mt_event_progression WHERE name = $2), 0)
                  AND e.type = ANY($1)
                LIMIT {CountLimit}) backlog
            """);
        command.Parameters.AddWithValue(MonitorEventTypes.Published.ToArray());
        command.Parameters.AddWithValue(Relay.RelaySubscription.Shard);
        var lag = (long)(await command.ExecuteScalarAsync(ct))!;
        Interlocked.Exchange(ref _lag, lag);
        return lag;
    }
}
