using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Hosting.Storage;
using Monitor.EventStore;
using Monitor.Hosting.Configuration;
using Polly;
using Polly.Retry;

namespace Monitor.Hosting.Relay;

/// <summary>
/// The relay: a subscription under Marten's daemon that publishes every committed pipeline event to the broker
/// and lets the daemon save its progress only when the broker has confirmed the whole page. So nothing unconfirmed
/// is ever marked done, and a crash in between publishes the page again, which the consumers absorb (their event
/// ids are deterministic). Marten runs it on one relay instance at a time (HotCold); another takes over.
/// </summary>
public static class RelaySubscription
{
    public const string Name = "relay";
    public const int BatchSize = 500;
    public const string StreamIdHeader = "Monitor-Stream-Id";
    public const string StreamVersionHeader = "Monitor-Stream-Version";
    public const string EventTypeHeader = "Monitor-Event-Type";

    /// <summary>The daemon's name for the relay's progress row.</summary>
    public static string Shard => new JasperFx.Events.Projections.ShardName(Name, "All", 1).Identity;

    public static HandlerSubscription Create(IServiceProvider services)
    {
        var settings = services.GetRequiredService<MonitorSettings>();
        // Not the EventStore: this runs while Marten's store (which the EventStore wraps) is being built.
        var registry = services.GetRequiredService<EventTypeRegistry>();
        var dataSource = services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RelaySubscription));
        ISubscriptionHandler handler = new ReconnectingPublisher(settings, registry, logger);
        if (services.GetService<ExitAfterPublishing>() is { } exit) handler = exit.Around(handler);
        // The handler rides out a broker outage itself (it reconnects), so the page is never failed over to the daemon.
        var subscription = new HandlerSubscription(Name, handler, dataSource, BatchSize, maxHandlerAttempts: 1, registry: registry);
        foreach (var type in MonitorEventTypes.Published) subscription.IncludeType(registry.TypeOf(type));
        return subscription;
    }

    /// <summary>
    /// Publishes a page on a <see cref="BrokerRelayPublisher"/>, connecting a new one after a broken connection and
    /// trying the page again until the broker confirms it or the service stops.
    /// </summary>
    private sealed class ReconnectingPublisher(MonitorSettings settings, EventTypeRegistry registry, ILogger logger) : ISubscriptionHandler
    {
        private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
            MaxRetryAttempts = int.MaxValue,
            Delay = TimeSpan.FromMilliseconds(500),
            BackoffType = DelayBackoffType.Exponential,
            MaxDelay = TimeSpan.FromSeconds(2),
        }).Build();

        private BrokerRelayPublisher? _publisher;

        public Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct) =>
            Retry.ExecuteAsync(async token =>
            {
                try
                {
                    _publisher ??= await BrokerRelayPublisher.ConnectAsync(settings.RabbitMq, registry, $"monitor-{settings.ServiceName}-publisher", token);
                    await _publisher.HandleAsync(batch, context, token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Relay could not publish a page of {Count} events; it is not marked done and is published again", batch.Count);
                    Observability.MonitorMetrics.Failed("relay");
                    if (_publisher is not null) await _publisher.DisposeAsync();
                    _publisher = null;
                    throw;
                }
            }, ct).AsTask();
    }
}
