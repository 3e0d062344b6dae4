using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Hosting.Bus;
using Monitor.Hosting.Configuration;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Monitor.Hosting.Observability.Metrics;

/// <summary>
/// monitor_queue_lag{queue}: messages ready in each of the service's queues and their _error queues,
/// read every <see cref="Interval"/> with a passive queue declare on a connection of its own (the
/// service's own least-privilege broker user suffices; no management plugin). A queue that does not
/// exist (no _error queue yet) reads as 0.
/// </summary>
public sealed class QueueLagSampler : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly ServiceQueues _queues;
    private readonly MonitorSettings _settings;
    private readonly ILogger<QueueLagSampler> _logger;
    private readonly ConcurrentDictionary<string, long> _ready = new(StringComparer.Ordinal);

    public QueueLagSampler(ServiceQueues queues, MonitorSettings settings, ILogger<QueueLagSampler> logger)
    {
        _queues = queues;
        _settings = settings;
        _logger = logger;
        MonitorMetrics.Meter.CreateObservableGauge("monitor.queue.lag", Observe, "{message}",
            "Messages ready (not yet delivered) in the service's queues and their _error queues, sampled.");
    }

    private IEnumerable<Measurement<long>> Observe() =>
        _ready.Select(q => new Measurement<long>(q.Value, new KeyValuePair<string, object?>("queue", q.Key)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IConnection? connection = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    // A service without consumers (a feed, the relay) has no queue to watch and opens no connection.
                    if (_queues.Names.Count == 0) { await Task.Delay(Interval, stoppingToken); continue; }
                    connection ??= await ConnectAsync(stoppingToken);
                    await SampleAsync(connection, stoppingToken);
                }
                catch (Exception e) when (e is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException or IOException)
                {
                    _logger.LogDebug(e, "Queue lag not sampled: the broker is not reachable");
                    if (connection is not null) await connection.DisposeAsync();
                    connection = null;
                }
                await Task.Delay(Interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            if (connection is not null) await connection.DisposeAsync();
        }
    }

    /// <summary>Reads every queue once. Internal so tests can sample without waiting for the interval.</summary>
    internal async Task SampleAsync(IConnection connection, CancellationToken ct)
    {
        foreach (var queue in _queues.Names.SelectMany(q => new[] { q, q + "_error" }))
        {
            // A passive declare of a missing queue closes the channel (404), so each gets its own.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
            try
            {
                var ok = await channel.QueueDeclarePassiveAsync(queue, ct);
                _ready[queue] = ok.MessageCount;
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
            {
                _ready[queue] = 0;
            }
        }
    }

    internal Task<IConnection> ConnectAsync(CancellationToken ct) =>
        BrokerConnections.ConnectAsync(_settings.RabbitMq, $"monitor-{_settings.ServiceName}-queue-lag", ct);
}
