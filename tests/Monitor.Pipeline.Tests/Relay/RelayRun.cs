using Monitor.EventStore;
using Monitor.Hosting.Relay;
using Monitor.Hosting.Storage;

namespace Monitor.Pipeline.Tests.Relay;

/// <summary>The relay's subscription under a Marten daemon of its own, as a relay process runs it; stopped on dispose.</summary>
public sealed class RelayRun : IAsyncDisposable
{
    private readonly EventStore.EventStore _log;
    private readonly JasperFx.Events.Daemon.IProjectionDaemon _daemon;

    private RelayRun(EventStore.EventStore log, JasperFx.Events.Daemon.IProjectionDaemon daemon)
    {
        _log = log;
        _daemon = daemon;
    }

    public static async Task<RelayRun> StartAsync(EventStore.EventStore store, ISubscriptionHandler handler, int maxHandlerAttempts = 5)
    {
        var subscription = new HandlerSubscription(RelaySubscription.Name, handler, store.DataSource, RelaySubscription.BatchSize,
            maxHandlerAttempts: maxHandlerAttempts, registry: store.Registry);
        foreach (var type in MonitorEventTypes.Published) subscription.IncludeType(store.Registry.TypeOf(type));
        var log = new EventStore.EventStore(store.DataSource, store.Options, store.Registry, configure: options => options.Events.Subscribe(subscription));
        var daemon = await log.Store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        return new RelayRun(log, daemon);
    }

    /// <summary>The relay's progress in the log (0 before its first page).</summary>
    public async Task<long> ProgressAsync()
    {
        await using var cmd = _log.DataSource.CreateCommand($"SELECT last_seq_id FROM {_log.Schema}.mt_event_progression WHERE name = $1");
        cmd.Parameters.AddWithValue(RelaySubscription.Shard);
        return await cmd.ExecuteScalarAsync() as long? ?? 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _daemon.StopAllAsync();
        _daemon.Dispose();
        await _log.DisposeAsync();
    }
}

/// <summary>The relay's publisher on a MassTransit bus of the test's own (publisher confirms on), on the test's vhost.</summary>
public static class RelayPublishers
{
    public static async Task<RelayPublisher> ConnectAsync(Monitor.Testing.RabbitMqVhost vhost)
    {
        // MassTransit starts its send activities (and so writes traceparent) through its log context, which a
        // bus made without a service provider lacks.
        MassTransit.LogContext.ConfigureCurrentLogContext(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var bus = await Infrastructure.TestBus.StartAsync(vhost);
        return new RelayPublisher(bus);
    }
}

/// <summary>A <see cref="BusRelayPublisher"/> and the bus it publishes on, stopped on dispose.</summary>
public sealed class RelayPublisher(MassTransit.IBusControl bus) : ISubscriptionHandler, IAsyncDisposable
{
    private readonly BusRelayPublisher _publisher = new(() => bus, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    public Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct) =>
        _publisher.HandleAsync(batch, context, ct);

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}

/// <summary>Stands for a relay process that dies after the broker confirmed its publishes but before its checkpoint was saved.</summary>
public sealed class CrashAfterPublishing(ISubscriptionHandler inner) : ISubscriptionHandler
{
    public async Task HandleAsync(IReadOnlyList<StoredEvent> batch, SubscriptionContext context, CancellationToken ct)
    {
        await inner.HandleAsync(batch, context, ct);
        throw new RelayCrashed();
    }
}

public sealed class RelayCrashed() : Exception("the relay died between publish and checkpoint");
