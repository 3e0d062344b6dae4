using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.EventStore.Resilience;
using Npgsql;
using Polly;

namespace Monitor.EventStore;

/// <summary>
/// Monitor's event store: streams on Marten's event store, with the two guarantees Marten leaves to its users:
/// re-appending events whose ids are stored is a success that changes nothing, and a batch across streams reports
/// an outcome per stream, so one conflicting stream does not fail the others. Subscriptions and read models run
/// under Marten's async daemon (<see cref="HandlerSubscription"/>). Thread-safe; create one per process.
/// </summary>
public sealed partial class EventStore : IAsyncDisposable
{
    private readonly ResiliencePipeline _retry;
    private readonly bool _ownsDataSource;
    private readonly bool _ownsStore;
    private readonly StoreSql _sql;

    /// <param name="configure">Adds what this process runs on the store (see <see cref="MartenStoreSetup.Build"/>).</param>
    public EventStore(NpgsqlDataSource dataSource, EventStoreOptions options, EventTypeRegistry registry, ILoggerFactory? loggerFactory = null, Action<StoreOptions>? configure = null)
        : this(dataSource, options, registry, loggerFactory, ownsDataSource: false, store: null, configure) { }

    /// <summary>On a document store built elsewhere (the host's, registered with AddMarten) with <see cref="MartenStoreSetup.Configure"/>.</summary>
    public EventStore(DocumentStore store, NpgsqlDataSource dataSource, EventStoreOptions options, EventTypeRegistry registry, ILoggerFactory? loggerFactory = null)
        : this(dataSource, options, registry, loggerFactory, ownsDataSource: false, store ?? throw new ArgumentNullException(nameof(store))) { }

    private EventStore(NpgsqlDataSource dataSource, EventStoreOptions options, EventTypeRegistry registry, ILoggerFactory? loggerFactory,
        bool ownsDataSource, DocumentStore? store, Action<StoreOptions>? configure = null)
    {
        DataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Registry = registry ?? throw new ArgumentNullException(nameof(registry));
        Schema = EventStoreOptions.ValidateSchema(options.Schema);
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _retry = RetryPipeline.Create(options, LoggerFactory.CreateLogger<EventStore>());
        _ownsDataSource = ownsDataSource;
        _ownsStore = store is null;
        _sql = new StoreSql(Schema);
        Store = store ?? MartenStoreSetup.Build(dataSource, Schema, registry, configure);
    }

    /// <summary>Builds the store with its own data source from <see cref="EventStoreOptions.ConnectionString"/>.</summary>
    public static EventStore Create(EventStoreOptions options, EventTypeRegistry registry, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        if (loggerFactory is not null) builder.UseLoggerFactory(loggerFactory);
        return new EventStore(builder.Build(), options, registry, loggerFactory, ownsDataSource: true, store: null);
    }

    public DocumentStore Store { get; }
    public NpgsqlDataSource DataSource { get; }
    public EventStoreOptions Options { get; }
    public EventTypeRegistry Registry { get; }
    public string Schema { get; }
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>
    /// Creates or updates Marten's tables and functions. Run by the role that owns the schema (the services'
    /// roles cannot create objects); safe when several processes start at once.
    /// </summary>
    public Task EnsureSchemaAsync(CancellationToken ct = default) =>
        _retry.ExecuteAsync(async token =>
        {
            // Marten compares the database with its configuration and applies the difference; two processes doing
            // that at once both try to create the same objects, so they take turns under a session lock.
            await using var connection = await DataSource.OpenConnectionAsync(token);
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended($1, 7919))", connection))
            {
                take.Parameters.AddWithValue("monitor-schema:" + Schema);
                await take.ExecuteNonQueryAsync(token);
            }
            try { await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate); }
            finally
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }, ct).AsTask();

    /// <summary>True when the database holds every table and function this configuration of Marten needs, as configured.</summary>
    public async Task<bool> SchemaIsCurrentAsync(CancellationToken ct = default)
    {
        var migration = await Store.Storage.Database.CreateMigrationAsync(ct);
        return migration.Difference == Weasel.Core.SchemaPatchDifference.None;
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsStore) Store.Dispose();
        if (_ownsDataSource) await DataSource.DisposeAsync();
    }

    internal async Task<T> RetryAsync<T>(Func<CancellationToken, ValueTask<T>> action, CancellationToken ct)
    {
        try { return await _retry.ExecuteAsync(action, ct); }
        catch (Exception e) when ((e as PostgresException ?? e.InnerException as PostgresException) is { SqlState: "42P01" or "42883" or "3F000" } missing)
        {
            throw new EventStoreException(
                $"The event store schema '{Schema}' is missing or out of date ({missing.MessageText}); call EventStore.EnsureSchemaAsync at start-up.", e);
        }
    }
}
