using System.Text.Json;
using Monitor.Bench.EventStore;
using Monitor.EventStore;
using Npgsql;

// ./monitor bench eventstore [--quick]: the store's append and catch-up rates next to PostgreSQL's raw
// limits, measured in the same run on the same database. Prints figures; asserts no times.

var quick = args.Contains("--quick");
Measurement.Repetitions = quick ? 1 : 3;
Measurement.Duration = TimeSpan.FromSeconds(quick ? 1 : 3);

var connectionString = Environment.GetEnvironmentVariable("MONITOR_POSTGRES")
    ?? "Host=127.0.0.1;Port=5432;Username=monitor;Password=monitor;Database=monitor";
var schema = $"bench_{Guid.NewGuid():N}"[..20];
await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 32 }.ConnectionString);
var registry = new EventTypeRegistry(Program.JsonOptions).Register<BenchEvent>("bench-event");
await using var store = new Monitor.EventStore.EventStore(dataSource, new EventStoreOptions { ConnectionString = connectionString, Schema = schema }, registry);

Console.WriteLine($"event store benchmark in schema {schema}; {Measurement.Repetitions} run(s) of {Measurement.Duration.TotalSeconds:N0} s each, median shown");
try
{
    await store.EnsureSchemaAsync();
    var raw = new RawLimits(dataSource, schema);
    await raw.CreateAsync();
    var appends = new StoreAppends(store);

    Console.WriteLine();
    await raw.SingleRowTransactionsAsync(connections: 8);
    var rawBatched = await raw.BatchedInsertsAsync(batchSize: 100);
    await raw.BinaryCopyAsync(rowsPerCopy: 10_000);

    Console.WriteLine();
    await appends.OneEventPerTransactionAsync(writers: 8);
    var batched = await appends.BatchAcrossStreamsAsync(streams: 100);
    await appends.ManyEventsToOneStreamAsync(events: 100);

    Console.WriteLine();
    var backlog = await CountEventsAsync(dataSource, schema);
    Console.WriteLine($"backlog for catch-up: {backlog:N0} events");
    await new CatchUp(store).ReadAllAsync(backlog, pageSize: 1000);
    var catchUp = await new CatchUp(store).SubscriptionAsync(backlog, batchSize: 1000);

    Console.WriteLine();
    Console.WriteLine($"catch-up read rate: {catchUp:N0} events/s (target >= 50,000)");
    Console.WriteLine($"ratio batched-append/raw-batched-insert: {batched / rawBatched:0.00}");
    return 0;
}
finally
{
    await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
    await drop.ExecuteNonQueryAsync();
}

static async Task<long> CountEventsAsync(NpgsqlDataSource dataSource, string schema)
{
    await using var cmd = dataSource.CreateCommand($"SELECT count(*) FROM {schema}.events");
    return (long)(await cmd.ExecuteScalarAsync())!;
}

public static partial class Program
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
