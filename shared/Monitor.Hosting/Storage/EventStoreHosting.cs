using JasperFx.Events.Daemon;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.EventStore;
using Monitor.Hosting.Configuration;
using Npgsql;

namespace Monitor.Hosting.Storage;

public static class EventStoreHosting
{
    /// <summary>
    /// The event store on Marten: one data source and one document store per process, and Marten's async daemon in
    /// HotCold mode, so of a service's instances one runs its subscriptions (and keeps the high water mark that log
    /// readers stop at) and another takes over when it stops. Each service leads under a lock of its own: the relay's
    /// leader must not keep the API's read models from running, nor another schema's API this one's.
    /// </summary>
    internal static void AddEventStore(this WebApplicationBuilder builder, MonitorSettings settings)
    {
        var services = builder.Services;
        services.AddSingleton(MonitorEventTypes.CreateRegistry());
        services.AddSingleton(new EventStoreOptions { ConnectionString = settings.Postgres, Schema = settings.EventStoreSchema });
        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(settings.Postgres).UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>()).Build());
        // Hosted services start in the order they are added: the schema, then what must precede the daemon, then the daemon.
        if (settings.MigrateSchema) services.AddHostedService<EventStoreSchemaInitializer>();
        else services.AddHostedService<EventStoreSchemaWait>();
        services.AddHostedService<BeforeDaemonStarts>();
        services.AddMarten(sp =>
        {
            var options = new StoreOptions();
            MartenStoreSetup.Configure(options, sp.GetRequiredService<NpgsqlDataSource>(), settings.EventStoreSchema, sp.GetRequiredService<EventTypeRegistry>());
            options.Projections.DaemonLockId = DaemonLockId(settings.ServiceName, settings.EventStoreSchema);
            return options;
        }).AddAsyncDaemon(DaemonMode.HotCold);
        services.AddSingleton(sp => new EventStore.EventStore((DocumentStore)sp.GetRequiredService<IDocumentStore>(),
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<EventStoreOptions>(), sp.GetRequiredService<EventTypeRegistry>(),
            sp.GetRequiredService<ILoggerFactory>()));
    }

    /// <summary>
    /// Adds a subscription to the log that this service runs under Marten's daemon: its progress commits with what
    /// <see cref="SubscriptionContext.WriteAsync"/> wrote, and only one instance of the service runs it at a time.
    /// </summary>
    public static WebApplicationBuilder AddLogSubscription(this WebApplicationBuilder builder, Func<IServiceProvider, HandlerSubscription> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        builder.Services.ConfigureMarten((sp, options) => options.Events.Subscribe(create(sp)));
        return builder;
    }

    /// <summary>
    /// For a service that follows the log with <see cref="EventStore.EventStore.ReadAllAsync(GlobalPosition, int, bool, CancellationToken)"/> but
    /// runs no subscription: keeps Marten's high water mark moving, which such readers stop at.
    /// </summary>
    public static WebApplicationBuilder AddLogReading(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<HighWaterMarkKeeper>();
        return builder;
    }

    /// <summary>Runs <paramref name="task"/> at start, after the schema is ready and before the daemon runs a subscription.</summary>
    public static WebApplicationBuilder BeforeDaemonStarts(this WebApplicationBuilder builder, Func<IServiceProvider, CancellationToken, Task> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        builder.Services.AddSingleton(new BeforeDaemonStarts.Task(task));
        return builder;
    }

    /// <summary>
    /// A lock id of the service's own in its store (FNV-1a of schema and name), stable across releases and hosts.
    /// Advisory locks are per database: stores in other schemas of the same database must not share it.
    /// </summary>
    public static int DaemonLockId(string serviceName, string schema)
    {
        var hash = 2166136261u;
        foreach (var c in $"{schema}:{serviceName}") hash = (hash ^ c) * 16777619u;
        return (int)(hash & 0x7FFFFFFF);
    }
}
