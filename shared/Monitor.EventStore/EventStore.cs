using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.EventStore.Resilience;
using Monitor.EventStore.Schema;
using Npgsql;
using Polly;

namespace Monitor.EventStore;

/// <summary>
/// Monitor's event store on PostgreSQL: streams of events with optimistic concurrency, a global log
/// read in commit order, subscriptions and projections. Thread-safe; create one per process.
/// </summary>
public sealed partial class EventStore : IAsyncDisposable
{
    private readonly bool _ownsDataSource;
    private readonly ResiliencePipeline _retry;
    private readonly List<IInlineProjection> _inlineProjections = [];
    private readonly Lock _inlineLock = new();

    public EventStore(NpgsqlDataSource dataSource, EventStoreOptions options, EventTypeRegistry registry, ILoggerFactory? loggerFactory = null)
        : this(dataSource, options, registry, loggerFactory, ownsDataSource: false) { }

    private EventStore(NpgsqlDataSource dataSource, EventStoreOptions options, EventTypeRegistry registry, ILoggerFactory? loggerFactory, bool ownsDataSource)
    {
        DataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Registry = registry ?? throw new ArgumentNullException(nameof(registry));
        Schema = EventStoreOptions.ValidateSchema(options.Schema);
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Logger = LoggerFactory.CreateLogger<EventStore>();
        _retry = RetryPipeline.Create(options, Logger);
        _ownsDataSource = ownsDataSource;
        Sql = new StoreSql(Schema);
        Notifier = new AppendNotifier(this, Logger);
    }

    /// <summary>Builds the store with its own data source from <see cref="EventStoreOptions.ConnectionString"/>.</summary>
    public static EventStore Create(EventStoreOptions options, EventTypeRegistry registry, ILoggerFactory? lf = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        EventStoreOptions.ValidateSchema(options.Schema);
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        if (lf is not null) builder.UseLoggerFactory(lf);
        return new EventStore(builder.Build(), options, registry, lf, ownsDataSource: true);
    }

    public NpgsqlDataSource DataSource { get; }
    public string Schema { get; }
    public EventTypeRegistry Registry { get; }
    public EventStoreOptions Options { get; }
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The channel appends notify at commit; subscriptions LISTEN on it.</summary>
    public string NotificationChannel => Schema + "_events";

    internal ILogger Logger { get; }
    internal StoreSql Sql { get; }
    internal AppendNotifier Notifier { get; }

    /// <summary>Creates or migrates the schema. Idempotent and safe when several processes start at once.</summary>
    public Task EnsureSchemaAsync(CancellationToken ct = default) =>
        RetryAsync(token => new ValueTask(SchemaMigrator.MigrateAsync(DataSource, Schema, token)), ct);

    /// <summary>
    /// Registers a projection that runs inside every append's transaction, seeing the events just
    /// appended. An exception from it rolls the append back. Use sparingly: it lengthens every append.
    /// </summary>
    public void AddInlineProjection(IInlineProjection projection)
    {
        ArgumentNullException.ThrowIfNull(projection);
        lock (_inlineLock) _inlineProjections.Add(projection);
    }

    private IInlineProjection[] InlineProjections()
    {
        lock (_inlineLock) return [.. _inlineProjections];
    }

    public async ValueTask DisposeAsync()
    {
        await Notifier.DisposeAsync();
        if (_ownsDataSource) await DataSource.DisposeAsync();
    }

    internal async Task<T> RetryAsync<T>(Func<CancellationToken, ValueTask<T>> action, CancellationToken ct)
    {
        try { return await _retry.ExecuteAsync(action, ct); }
        catch (PostgresException e) { throw Explain(e); }
    }

    internal async Task RetryAsync(Func<CancellationToken, ValueTask> action, CancellationToken ct)
    {
        try { await _retry.ExecuteAsync(action, ct); }
        catch (PostgresException e) { throw Explain(e); }
    }

    /// <summary>Turns the failures a caller can act on into messages that say what to do.</summary>
    internal Exception Explain(PostgresException e) => e.SqlState switch
    {
        "42P01" or "42883" or "3F000" => new EventStoreException(
            $"The event store schema '{Schema}' is missing or out of date ({e.MessageText}); call EventStore.EnsureSchemaAsync at start-up.", e),
        "ES001" => new EventStoreException(e.MessageText, e),
        "23505" when e.ConstraintName?.EndsWith("_id_key", StringComparison.Ordinal) == true => new EventStoreException(
            $"An event id is already stored in another stream ({e.Detail}); event ids must be unique across the store.", e),
        _ => e,
    };
}
