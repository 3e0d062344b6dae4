using System.Diagnostics;
using Monitor.EventStore;
using Monitor.Faults.Tests.Servers;
using Monitor.ReadModels;
using Monitor.Testing;
using Monitor.Testing.Processes;
using Npgsql;
using Xunit.Abstractions;

namespace Monitor.Faults.Tests.Harness;

/// <summary>
/// One scenario's world: a fresh schema and vhost on the suite's private servers, the pipeline's
/// services as processes, a feed that posts to ingestion, a live read model, and the checks every
/// scenario ends with (each accepted item exactly once per stage, nothing lost, the live read model
/// equal to a rebuild).
/// </summary>
public sealed class FaultScenario : IAsyncDisposable
{
    public const string Ingestion = "Ingestion";
    public const string Extraction = "Extraction";
    public const string Sentiment = "Sentiment";
    public const string Relay = "Relay";
    public static readonly string[] AllServices = [Ingestion, Extraction, Sentiment, Relay];

    /// <summary>The queues the services consume (MassTransit's kebab-case names of their consumers).</summary>
    public const string CoverageReceivedQueue = "coverage-received";
    public const string CoverageIngestedQueue = "coverage-ingested";
    public const string ContentExtractedQueue = "content-extracted";
    public static readonly string[] Queues = [CoverageReceivedQueue, CoverageIngestedQueue, ContentExtractedQueue];

    private static readonly TimeSpan QuietTime = TimeSpan.FromSeconds(2);
    private readonly ITestOutputHelper _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private ProjectionDaemon? _liveReadModel;
    private LiveReadModels? _readModels;

    private FaultScenario(PrivateServers servers, ITestOutputHelper output, string name)
    {
        Servers = servers;
        _output = output;
        Name = name;
        Schema = PostgresSchema.On(servers.Postgres.ConnectionString);
        Vhost = RabbitMqVhost.On(servers.RabbitMq.AmqpUri, servers.RabbitMq.ManagementUri);
        Services = new ServiceGroup(new Dictionary<string, string>
        {
            ["MONITOR_POSTGRES"] = Schema.ConnectionString,
            ["MONITOR_EVENTSTORE_SCHEMA"] = Schema.Name,
            ["MONITOR_RABBITMQ"] = Vhost.AmqpUri.ToString(),
        });
        Broker = new BrokerApi(Vhost);
        Feed = new IngestionFeed(() => Services[Ingestion].BaseAddress);
        LiveStages = new CoverageStages(Schema.Name, "stages_live");
    }

    public string Name { get; }
    public PrivateServers Servers { get; }
    public PostgresSchema Schema { get; }
    public RabbitMqVhost Vhost { get; }
    public ServiceGroup Services { get; }
    public BrokerApi Broker { get; }
    public IngestionFeed Feed { get; }
    public EventStore.EventStore Store { get; private set; } = null!;
    public CoverageStages LiveStages { get; }
    public TimeSpan Elapsed => _clock.Elapsed;

    public static async Task<FaultScenario> StartAsync(PrivateServers servers, ITestOutputHelper output, string name)
    {
        var scenario = new FaultScenario(servers, output, name);
        await scenario.Schema.InitializeAsync();
        await scenario.Vhost.InitializeAsync();
        scenario.Store = EventStore.EventStore.Create(
            new EventStoreOptions { ConnectionString = scenario.Schema.ConnectionString, Schema = scenario.Schema.Name },
            ReadModelCatalogue.CreateEventTypeRegistry());
        await scenario.Store.EnsureSchemaAsync();
        scenario._liveReadModel = await ProjectionDaemon.StartAsync(scenario.Store, [scenario.LiveStages]);
        scenario._readModels = await LiveReadModels.StartAsync(scenario.Store, scenario.Schema.Name);
        return scenario;
    }

    /// <summary>Runs the scenario's body; on failure the services' and servers' output goes to the test log.</summary>
    public async Task GuardAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch
        {
            _output.WriteLine(Services.Output());
            _output.WriteLine("===== private RabbitMQ =====\n" + Servers.RabbitMq.Output());
            _output.WriteLine("===== private PostgreSQL =====\n" + Servers.Postgres.Output());
            throw;
        }
    }

    public Task StartServicesAsync() => Services.StartAsync(AllServices);

    /// <summary>Waits (bounded) until the feed's items have been posted and <paramref name="count"/> of them accepted.</summary>
    public async Task WaitUntilAcceptedAsync(int count, Task feeding, TimeSpan timeout)
    {
        var reached = await Until.HoldsAsync(() => Feed.AcceptedCount >= count || feeding.IsCompleted, timeout, TimeSpan.FromMilliseconds(50));
        if (feeding.IsFaulted) await feeding;
        Assert.True(reached, $"only {Feed.AcceptedCount} of {count} items were accepted within {timeout.TotalSeconds:0} s");
    }

    /// <summary>
    /// Waits (bounded) until every accepted item is scored and the queues are empty, lets redeliveries
    /// settle, then compares the store with what was accepted.
    /// </summary>
    public async Task<StoreOutcome> SettleAndCompareAsync(IReadOnlyCollection<Guid> accepted, TimeSpan timeout)
    {
        var scored = await Until.HoldsAsync(async () => await ScoredAsync(accepted) >= accepted.Count, timeout, TimeSpan.FromMilliseconds(500));
        if (!scored) _output.WriteLine($"after {timeout.TotalSeconds:0} s only {await ScoredAsync(accepted)} of {accepted.Count} accepted items were scored");
        await Until.HoldsAsync(QueuesAreEmptyAsync, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(250));
        await Task.Delay(QuietTime);
        var outcome = await StoreCheck.CompareAsync(Store.DataSource, Schema.Name, accepted);
        foreach (var problem in outcome.Problems) _output.WriteLine(problem);
        return outcome;
    }

    /// <summary>
    /// The read models that ran live through the fault equal a rebuild from the whole log: the
    /// project's own (mentions, timeline, entity share, authors, ...) and the suite's stage counts.
    /// </summary>
    public async Task<bool> LiveReadModelEqualsRebuildAsync()
    {
        var differences = await _readModels!.DifferencesFromRebuildAsync(TimeSpan.FromSeconds(60));
        Log("read models compared with their rebuild: " + _readModels.Compared);
        foreach (var difference in differences) _output.WriteLine("read model differs from its rebuild: " + difference);
        return differences.Count == 0 && await StageCountsEqualRebuildAsync();
    }

    /// <summary>
    /// Rebuilds the stage counts from the whole log into a second table and waits (bounded) until
    /// the live one, which ran through the faults, holds exactly the same rows.
    /// </summary>
    private async Task<bool> StageCountsEqualRebuildAsync()
    {
        var rebuilt = new CoverageStages(Schema.Name, "stages_rebuilt");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await new ProjectionRebuilder(Store).RebuildAsync(rebuilt, null, timeout.Token);
        var sql = $"""
            SELECT count(*) FROM (
              (SELECT id, data FROM {LiveStages.Table} EXCEPT SELECT id, data FROM {rebuilt.Table})
              UNION ALL
              (SELECT id, data FROM {rebuilt.Table} EXCEPT SELECT id, data FROM {LiveStages.Table})) differing
            """;
        long differing = -1;
        var equal = await Until.HoldsAsync(async () =>
        {
            await using var command = Store.DataSource.CreateCommand(sql);
            differing = (long)(await command.ExecuteScalarAsync())!;
            return differing == 0;
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(250));
        if (!equal) _output.WriteLine($"the live read model differs from the rebuild in {differing} rows");
        return equal;
    }

    /// <summary>Adds the scenario's row to the table and prints the table so far.</summary>
    /// <param name="detail">What the fault amounted to in this run (e.g. how many copies were injected), shown after the name.</param>
    public void Record(StoreOutcome outcome, int rejected = 0, int rejectedReported = 0, string? detail = null)
    {
        var table = FaultTable.Add(new FaultRow(detail is null ? Name : $"{Name} ({detail})", outcome.Accepted, outcome.Stored, outcome.Lost, outcome.Duplicated,
            rejected, rejectedReported, _clock.Elapsed));
        _output.WriteLine(table);
    }

    public void Log(string line) => _output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {line}");

    private async Task<long> ScoredAsync(IReadOnlyCollection<Guid> accepted)
    {
        try { return await StoreCheck.ScoredAsync(Store.DataSource, Schema.Name, accepted); }
        catch (NpgsqlException) { return 0; } // the database is restarting
    }

    private async Task<bool> QueuesAreEmptyAsync()
    {
        foreach (var queue in Queues)
            if (await Broker.QueueAsync(queue) is not { Messages: 0 }) return false;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_readModels is not null) await _readModels.StopAsync();
        if (_liveReadModel is not null) await _liveReadModel.DisposeAsync();
        await Services.DisposeAsync();
        Broker.Dispose();
        await Store.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await Vhost.DisposeAsync();
        await Schema.DisposeAsync();
        _stop.Dispose();
    }
}
