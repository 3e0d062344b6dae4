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
/// Monitor's streams on Marten's event store, with the two guarantees Marten leaves to its users: re-appending
/// events whose ids are stored is a success that changes nothing, and a batch across streams reports an outcome
/// per stream, so one conflicting stream does not fail the others. Thread-safe; create one per process.
/// </summary>
public sealed partial class MartenEventLog : IAsyncDisposable
{
    private readonly ResiliencePipeline _retry;
    private readonly bool _ownsDataSource;
    private readonly StreamLockSql _sql;

    /// <param name="configure">Adds what this process runs on the store (see <see cref="MartenStoreSetup.Build"/>).</param>
    public MartenEventLog(NpgsqlDataSource dataSource, EventStoreOptions options, EventTypeRegistry registry, ILoggerFactory? loggerFactory = null, Action<StoreOptions>? configure = null)
        : this(dataSource, options, registry, loggerFactory, ownsDataSource: false, configure) { }

    private MartenEventLog(NpgsqlDataSource dataSource, EventStoreOptions options, EventTypeRegistry registry, ILoggerFactory? loggerFactory, bool ownsDataSource, Action<StoreOptions>? configure = null)
    {
        DataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Registry = registry ?? throw new ArgumentNullException(nameof(registry));
        Schema = EventStoreOptions.ValidateSchema(options.Schema);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<MartenEventLog>();
        _retry = RetryPipeline.Create(options, logger);
        _ownsDataSource = ownsDataSource;
        _sql = new StreamLockSql(Schema);
        Store = MartenStoreSetup.Build(dataSource, Schema, registry, configure);
    }

    /// <summary>Builds the log with its own data source from <see cref="EventStoreOptions.ConnectionString"/>.</summary>
    public static MartenEventLog Create(EventStoreOptions options, EventTypeRegistry registry, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        if (loggerFactory is not null) builder.UseLoggerFactory(loggerFactory);
        return new MartenEventLog(builder.Build(), options, registry, loggerFactory, ownsDataSource: true);
    }

    public DocumentStore Store { get; }
    public NpgsqlDataSource DataSource { get; }
    public EventStoreOptions Options { get; }
    public EventTypeRegistry Registry { get; }
    public string Schema { get; }

    /// <summary>
    /// Creates or updates Marten's tables and functions. Run by the role that owns the schema (the services'
    /// roles cannot create objects); safe when several processes start at once (Marten migrates under a lock).
    /// </summary>
    public Task EnsureSchemaAsync(CancellationToken ct = default) =>
        _retry.ExecuteAsync(async token => await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate), ct).AsTask();

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        if (_ownsDataSource) await DataSource.DisposeAsync();
    }

    internal Task<T> RetryAsync<T>(Func<CancellationToken, ValueTask<T>> action, CancellationToken ct) =>
        _retry.ExecuteAsync(action, ct).AsTask();
}
