using System.Text.Json;
using Monitor.Bench.EventStore;
using Monitor.EventStore;
using Npgsql;
using Monitor.Testing;

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

Console.WriteLine($"event store benchmark in schema {schema}; {Measurement.Repetitions} run(s) of {Measurement.Duration.TotalSeconds:N0} s each, median shown; load average {MachineLoad.Average()}");
try
{
    await store.EnsureSchemaAsync();
    var raw = new RawLimits(dataSource, schema);
    await raw.CreateAsync();
    var appends = new StoreAppends(store);

    Console.WriteLine();
    await Measurement.RatioAsync(raw.SingleRowTransactions(connections: 8), appends.OneEventPerTransaction(writers: 8));
    Console.WriteLine();
    var batchedRatio = await Measurement.RatioAsync(raw.BatchedInserts(batchSize: 100), appends.BatchAcrossStreams(streams: 100));
    Console.WriteLine();
    await raw.BinaryCopyAsync(rowsPerCopy: 10_000);
    await appends.ManyEventsToOneStreamAsync(events: 100);

    Console.WriteLine();
    var backlog = await CountEventsAsync(dataSource, schema);
    Console.WriteLine($"backlog for catch-up: {backlog:N0} events");
    var rawRead = await new CatchUp(store).RawReadAsync(backlog, pageSize: 1000);
    await store.AdvanceHighWaterMarkAsync();
    await new CatchUp(store).ReadAllAsync(backlog, pageSize: 1000);
    var catchUp = await new CatchUp(store).SubscriptionAsync(backlog, batchSize: 1000);

    Console.WriteLine();
    Console.WriteLine($"catch-up read rate: {catchUp:N0} events/s under Marten's daemon (target >= 50,000; raw read here {rawRead:N0} rows/s)");
    Console.WriteLine($"ratio batched-append/raw-batched-insert: {batchedRatio:0.00} (target >= 0.45)");
    return 0;
}
finally
{
    await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
    await drop.ExecuteNonQueryAsync();
}

static async Task<long> CountEventsAsync(NpgsqlDataSource dataSource, string schema)
{
    await using var cmd = dataSource.CreateCommand($"SELECT count(*) FROM {schema}.mt_events");
    return (long)(await cmd.ExecuteScalarAsync())!;
}

public static partial class Program
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
