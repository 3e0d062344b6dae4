using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Hosting.Storage;
using Monitor.EventStore;

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
        // Not the EventStore: this runs while Marten's store (which the EventStore wraps) is being built.
        var registry = services.GetRequiredService<EventTypeRegistry>();
        var dataSource = services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RelaySubscription));
        // The bus is resolved at the first page, not here, inside Marten's construction of its store.
        ISubscriptionHandler handler = new BusRelayPublisher(services.GetRequiredService<MassTransit.IBus>, logger);
        if (services.GetService<ExitAfterPublishing>() is { } exit) handler = exit.Around(handler);
        // The handler rides out a broker outage itself (it publishes the page again), so the page is never failed over to the daemon.
        var subscription = new HandlerSubscription(Name, handler, dataSource, BatchSize, maxHandlerAttempts: 1, registry: registry);
        foreach (var type in MonitorEventTypes.Published) subscription.IncludeType(registry.TypeOf(type));
        return subscription;
    }
}
