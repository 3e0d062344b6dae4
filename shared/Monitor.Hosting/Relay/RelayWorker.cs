using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.EventStore;
using Monitor.Hosting.Configuration;
using Monitor.Hosting.Storage;

namespace Monitor.Hosting.Relay;

/// <summary>
/// Runs the "relay" subscription over the global log. One instance is active across all relay
/// processes (the subscription's advisory lock); another waits as a hot standby and takes over
/// when the active one dies. A failed batch (broker down, publish not confirmed) is not
/// checkpointed; the worker starts the subscription again after a pause and republishes it.
/// </summary>
public sealed class RelayWorker(EventStore.EventStore store, MonitorSettings settings, ILoggerFactory loggerFactory,
    ExitAfterPublishing? exitAfterPublishing = null) : BackgroundService
{
    public const string SubscriptionName = "relay";
    public const int BatchSize = 500;
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(2);

    private readonly ILogger _logger = loggerFactory.CreateLogger<RelayWorker>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = new SubscriptionOptions
        {
            Name = SubscriptionName,
            BatchSize = BatchSize,
            EventTypes = MonitorEventTypes.Published,
            // Published as stored: the relay never needs the events as objects.
            RawData = true,
            // The batch's transaction writes only the checkpoint. Should a crash lose its commit, the
            // batch is published again, which the consumers absorb (their event ids are deterministic);
            // so it need not wait for a WAL flush.
            SynchronousCommit = false,
            // A failed publish means a lost broker connection: retrying on the same channel cannot help,
            // so the first failure ends the subscription and the loop below connects a new publisher.
            MaxHandlerAttempts = 1,
        };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var publisher = await BrokerRelayPublisher.ConnectAsync(settings.RabbitMq, store.Registry, $"monitor-{settings.ServiceName}-publisher", stoppingToken);
                var handler = exitAfterPublishing?.Around(publisher) ?? publisher;
                var subscription = new Subscription(store, options, handler, loggerFactory.CreateLogger<Subscription>());
                await subscription.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Relay stopped on an error; its last batch was not checkpointed and will be published again");
                Observability.MonitorMetrics.Failed("relay");
                try { await Task.Delay(RestartDelay, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
